// validate_doc_update of a community's committee database (every record).
// CouchDB runs it on every write; a refusal is a 403 with this reason,
// which the app shows as it is. Members (this community's committee role)
// are set in the database's _security, so no one else reads or writes at
// all. setup.mjs writes the community's name in place of COMMUNITY: a
// role counts only in the community it names.
function (newDoc, oldDoc, userCtx) {
  var community = 'COMMUNITY';
  var roles = userCtx.roles || [];
  function has(role) { return roles.indexOf(role) !== -1; }
  function refuse(why) { throw({ forbidden: why }); }
  if (!has('_admin') && !has('linli:' + community + ':committee')) {
    throw({ unauthorized: '只有居委的账号可以改动这个数据库 / Only committee accounts may write here' });
  }
  if (newDoc._id.indexOf('_design/') === 0) return;
  if (newDoc._deleted) {
    refuse('邻里的记录不直接删除，用删除标记 / Linli records are never deleted outright: use the deleted field');
  }
  var m = /^(space|booking|volunteer|activity|shift|assignment|holiday_year|erasure):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(newDoc._id);
  if (!m) refuse('文档编号不是“类型:UUID” / The document id is not kind:UUID');
  var kind = m[1];
  if (newDoc.id !== m[2]) refuse('记录的 id 与文档编号不符 / The record id differs from the document id');
  // A year's holiday arrangement, in holiday-cn's shape.
  function holidays() {
    if (typeof newDoc.year !== 'number' || newDoc.year < 2000 || newDoc.year > 2100) {
      refuse('节假日安排的年份不对 / A holiday arrangement needs a year from 2000 to 2100');
    }
    if (!Array.isArray(newDoc.days) || newDoc.days.length > 120) refuse('节假日安排缺少日期 / A holiday arrangement needs its days');
    newDoc.days.forEach(function (d) {
      if (!d || typeof d.name !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(d.date) || typeof d.isOffDay !== 'boolean') {
        refuse('节假日安排里有一天写得不对 / A day of the holiday arrangement is malformed');
      }
    });
  }
  function text(field) {
    if (typeof newDoc[field] !== 'string') refuse('缺少文字字段 ' + field + ' / Missing text field ' + field);
  }
  function number(field) {
    if (typeof newDoc[field] !== 'number' || newDoc[field] < 0) refuse('缺少数字字段 ' + field + ' / Missing number field ' + field);
  }
  text('created_at'); text('updated_at'); text('device_id');
  if (newDoc.deleted !== undefined && typeof newDoc.deleted !== 'boolean') refuse('deleted 必须是 true 或 false / deleted must be true or false');
  var times = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
  function span() {
    if (!times.test(newDoc.start) || !times.test(newDoc.end)) refuse('开始和结束时间格式不对 / start and end must be times');
    if (!(newDoc.end > newDoc.start)) refuse('结束必须晚于开始 / The end must be after the start');
  }
  if (kind === 'space') { text('name'); number('capacity'); }
  if (kind === 'booking') {
    text('space_id'); text('title'); span(); number('expected_attendees');
    if (['requested', 'confirmed', 'declined', 'cancelled', 'waiting'].indexOf(newDoc.status) === -1) refuse('预约状态不对 / Unknown booking status');
    if (!newDoc.organiser || typeof newDoc.organiser.name !== 'string') refuse('缺少预约人 / Missing organiser');
  }
  if (kind === 'volunteer') { text('name'); }
  if (kind === 'activity') { text('title'); }
  if (kind === 'shift') { text('activity_id'); text('role'); span(); number('needed_min'); number('needed_max'); }
  if (kind === 'assignment') { text('shift_id'); text('volunteer_id'); text('status'); }
  if (kind === 'holiday_year') holidays();
  // A person erased: ids and field names only, and never undone — an
  // erasure changed or deleted would let the person come back.
  if (kind === 'erasure') {
    if (!Array.isArray(newDoc.records)) refuse('删除记录缺少内容 / An erasure needs its records');
    newDoc.records.forEach(function (r) {
      if (!r || typeof r.kind !== 'string' || typeof r.id !== 'string' || !Array.isArray(r.fields)) {
        refuse('删除记录写得不对 / An erasure is malformed');
      }
    });
    if (newDoc.deleted === true || (oldDoc && JSON.stringify(oldDoc.records) !== JSON.stringify(newDoc.records))) {
      refuse('个人信息的删除不能撤销 / An erasure cannot be undone or changed');
    }
  }
}
