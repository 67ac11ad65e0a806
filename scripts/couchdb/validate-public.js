// validate_doc_update of a community's public database: spaces and
// bookings with no phone numbers or rooms, and the holiday arrangements
// the committee loaded. Committee accounts fill it
// from their phones; a resident may add a booking request in their own
// name and cancel it, nothing more. _security lets committee and
// resident accounts of this community read it; nobody else. setup.mjs
// writes the community's name in place of COMMUNITY: a role counts only
// in the community it names.
function (newDoc, oldDoc, userCtx) {
  var community = 'COMMUNITY';
  var roles = userCtx.roles || [];
  function has(role) { return roles.indexOf(role) !== -1; }
  function refuse(why) { throw({ forbidden: why }); }
  var committee = has('_admin') || has('linli:' + community + ':committee');
  if (!committee && !has('linli:' + community + ':resident')) {
    throw({ unauthorized: '请用居委或居民的账号登录 / Sign in with a committee or resident account' });
  }
  if (newDoc._id.indexOf('_design/') === 0) return;
  if (newDoc._deleted) {
    refuse('邻里的记录不直接删除，用删除标记 / Linli records are never deleted outright: use the deleted field');
  }
  var m = /^(space|booking|holiday_year):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(newDoc._id);
  if (!m) refuse('公开数据库只收场地、预约和节假日安排 / The public database holds only spaces, bookings and holiday arrangements');
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
  text('created_at'); text('updated_at'); text('device_id');
  if (newDoc.deleted !== undefined && typeof newDoc.deleted !== 'boolean') refuse('deleted 必须是 true 或 false / deleted must be true or false');
  if (kind === 'space') text('name');
  if (kind === 'holiday_year') holidays();
  if (kind === 'booking') {
    var times = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
    text('space_id'); text('title');
    if (!times.test(newDoc.start) || !times.test(newDoc.end)) refuse('开始和结束时间格式不对 / start and end must be times');
    if (!(newDoc.end > newDoc.start)) refuse('结束必须晚于开始 / The end must be after the start');
    if (['requested', 'confirmed', 'declined', 'cancelled', 'waiting'].indexOf(newDoc.status) === -1) refuse('预约状态不对 / Unknown booking status');
    var o = newDoc.organiser;
    if (!o || typeof o.name !== 'string') refuse('缺少预约人 / Missing organiser');
  }
  // Each kind's personal fields, as the domain lists them (a native test
  // holds this line against src/domain): plain ones never here, sealed
  // ones only as ciphertext for the committee.
  var personal = {"booking":{"plain":["organiser.phone","organiser.room"],"sealed":["organiser.sealed"]}};
  function at(path) {
    return path.split('.').reduce(function (v, k) { return v === undefined || v === null ? undefined : v[k]; }, newDoc);
  }
  var fields = personal[kind] || { plain: [], sealed: [] };
  fields.plain.forEach(function (path) {
    if ((at(path) || '') !== '') refuse('公开数据库里不能有电话和房号 / No phone numbers or rooms in the public database');
  });
  fields.sealed.forEach(function (path) {
    var v = at(path);
    if (v !== undefined && (typeof v !== 'string' || v.length > 12000 || v.indexOf('{"v":1,') !== 0)) {
      refuse('加密的联系方式格式不对 / The sealed contact is malformed');
    }
  });
  if (committee) return;

  // A resident's account.
  if (kind === 'holiday_year') refuse('节假日安排由居委导入 / The committee loads holiday arrangements');
  if (kind !== 'booking') refuse('居民不能改场地 / Residents may not change a space');
  if (!oldDoc) {
    if (newDoc.status !== 'requested' && newDoc.status !== 'waiting') refuse('居民只能申请预约或候补，由居委确认 / Residents request bookings or wait for a time; the committee confirms them');
    if (newDoc.requested_by !== userCtx.name) refuse('申请必须用自己的账号 / A request must be in your own name');
    if (newDoc.deleted) refuse('不能申请已删除的预约 / A request cannot be deleted already');
    return;
  }
  // A time a resident's cancellation freed goes to its waiting list: the
  // resident's phone moves the first in line in, as a request only.
  var movingIn = oldDoc.status === 'waiting' && newDoc.status === 'requested' && typeof newDoc.moved_in_at === 'string';
  if (!movingIn) {
    if (oldDoc.requested_by !== userCtx.name) refuse('只能取消自己的申请 / You may only cancel your own requests');
    if (newDoc.status !== 'cancelled' || ['requested', 'confirmed', 'waiting'].indexOf(oldDoc.status) === -1) {
      refuse('居民只能取消自己的申请 / Residents may only cancel their own requests');
    }
  }
  // Nothing but the status and who changed it, when and where.
  var free = { _rev: 1, _revisions: 1, status: 1, status_change: 1, updated_at: 1, device_id: 1, moved_in_at: movingIn ? 1 : 0 };
  var keys = {};
  var k;
  for (k in oldDoc) keys[k] = 1;
  for (k in newDoc) keys[k] = 1;
  for (k in keys) {
    if (!free[k] && JSON.stringify(oldDoc[k]) !== JSON.stringify(newDoc[k])) {
      refuse('居民取消申请时不能改别的内容 / Cancelling a request changes nothing else (' + k + ')');
    }
  }
}
