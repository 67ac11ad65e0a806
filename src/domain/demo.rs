//! The demo community: spaces, teams, meetings and duties taken from the
//! Shanghai community reports, laid out around "today" so every screen has
//! something to show. Deterministic for a given seed and day.

use super::time::{add_days, weekday_number};
use super::*;
use jiff::civil::{Date, Weekday};
use jiff::Timestamp;
use std::collections::HashMap;
use uuid::Uuid;

/// How far around today the demo reaches.
pub const DAYS_BEFORE: i64 = 14;
pub const DAYS_AFTER: i64 = 16;
/// Duties and services run this many days either side of today.
const DUTY_DAYS: i64 = 7;

/// Builds the demo community for `now` in `zone`.
pub fn demo_community(
    now: Timestamp,
    zone: CommunityZone,
    device: &DeviceId,
    seed: u64,
) -> Community {
    let mut demo = Demo {
        ids: SeededIds::new(seed),
        now,
        local_now: zone.local(now),
        device: device.clone(),
        out: Community::default(),
        busy: HashMap::new(),
    };
    demo.spaces();
    demo.volunteers();
    let festival_day = demo.festival_day();
    let festival_booking = demo.one_off_bookings(festival_day);
    demo.recurring_bookings();
    demo.food_festival(festival_day, festival_booking);
    demo.patrols();
    demo.meal_delivery();
    demo.charity_day();
    demo.out
}

struct Demo {
    ids: SeededIds,
    now: Timestamp,
    local_now: LocalDateTime,
    device: DeviceId,
    out: Community,
    /// Shifts each volunteer already holds, to keep them from overlapping.
    busy: HashMap<Uuid, Vec<Interval>>,
}

/// One space of the demo, as a committee would describe it.
struct SpaceSpec {
    name: &'static str,
    kind: SpaceKind,
    location: &'static str,
    capacity: u32,
    /// (weekdays, opens, closes) — weekdays 1 = Monday.
    hours: &'static [(&'static [u8], (i8, i8), (i8, i8))],
    rules: BookingRules,
    amenities: &'static [&'static str],
    notes: &'static str,
}

const EVERY_DAY: &[u8] = &[1, 2, 3, 4, 5, 6, 7];
const WEEKDAYS: &[u8] = &[1, 2, 3, 4, 5];
const WEEKEND: &[u8] = &[6, 7];

const fn rules(slot: u16, min: u16, max: u16, buffer: u16, approval: bool) -> BookingRules {
    BookingRules {
        slot_minutes: slot,
        min_minutes: min,
        max_minutes: max,
        advance_days: 30,
        buffer_minutes: buffer,
        needs_approval: approval,
    }
}

const SPACES: &[SpaceSpec] = &[
    SpaceSpec {
        name: "安家院儿",
        kind: SpaceKind::CommonRoom,
        location: "3号楼 架空层",
        capacity: 40,
        hours: &[(EVERY_DAY, (8, 0), (21, 0))],
        rules: rules(30, 30, 480, 15, false),
        amenities: &["折叠桌椅", "投影仪", "音响", "茶水"],
        notes: "便民驿站 · 跳蚤站 · 闲话驿站 · 宣讲驿站",
    },
    SpaceSpec {
        name: "红色议事厅",
        kind: SpaceKind::MeetingHall,
        location: "党群服务站 二楼",
        capacity: 30,
        hours: &[(&[1, 2, 3, 4, 5, 6], (9, 0), (21, 0))],
        rules: rules(30, 60, 240, 15, true),
        amenities: &["会议桌", "投影仪", "话筒"],
        notes: "民意收集、协商议事；预约需居委审核",
    },
    SpaceSpec {
        name: "自习室",
        kind: SpaceKind::StudyRoom,
        location: "党群服务中心 一楼",
        capacity: 24,
        hours: &[(EVERY_DAY, (8, 0), (22, 0))],
        rules: rules(60, 60, 240, 0, false),
        amenities: &["插座", "台灯", "无线网络"],
        notes: "保持安静",
    },
    SpaceSpec {
        name: "健身房",
        kind: SpaceKind::Gym,
        location: "党群服务中心 负一楼",
        capacity: 16,
        hours: &[(EVERY_DAY, (6, 30), (22, 0))],
        rules: rules(30, 30, 120, 0, false),
        amenities: &["跑步机", "动感单车", "哑铃"],
        notes: "",
    },
    SpaceSpec {
        name: "书吧",
        kind: SpaceKind::ReadingBar,
        location: "社科书吧 1号楼底商",
        capacity: 20,
        hours: &[(EVERY_DAY, (10, 0), (21, 0))],
        rules: rules(30, 60, 180, 15, false),
        amenities: &["咖啡机", "沙发", "藏书 2000 册"],
        notes: "5 分钟知识圈",
    },
    SpaceSpec {
        name: "青年夜校教室",
        kind: SpaceKind::Classroom,
        location: "区级青年中心 三楼",
        capacity: 30,
        hours: &[
            (WEEKDAYS, (18, 0), (21, 30)),
            (WEEKEND, (9, 0), (12, 0)),
            (WEEKEND, (14, 0), (17, 0)),
        ],
        rules: rules(30, 60, 180, 15, false),
        amenities: &["水槽", "操作台", "投影仪"],
        notes: "手工扎染等课程",
    },
    SpaceSpec {
        name: "共享工具屋",
        kind: SpaceKind::ToolRoom,
        location: "7号楼 架空层",
        capacity: 6,
        hours: &[
            (&[2, 4, 6], (9, 0), (11, 30)),
            (&[2, 4, 6], (14, 0), (17, 0)),
        ],
        rules: rules(30, 30, 120, 0, false),
        amenities: &["电钻", "梯子", "维修工具箱"],
        notes: "达人值守，借用需登记",
    },
    SpaceSpec {
        name: "篮球场",
        kind: SpaceKind::Court,
        location: "小区中心广场东侧",
        capacity: 20,
        hours: &[(EVERY_DAY, (6, 0), (21, 0))],
        rules: rules(60, 60, 120, 0, false),
        amenities: &["夜间照明"],
        notes: "篮球社活动优先",
    },
    SpaceSpec {
        name: "社区食堂",
        kind: SpaceKind::Canteen,
        location: "党群服务中心 一楼东侧",
        capacity: 60,
        hours: &[
            (EVERY_DAY, (14, 0), (16, 30)),
            (EVERY_DAY, (18, 30), (21, 0)),
        ],
        rules: rules(30, 60, 180, 30, true),
        amenities: &["餐桌", "厨房"],
        notes: "15 元暖心餐时段外可预约",
    },
];

// Indexes into SPACES, for readability below.
const ANJIA: usize = 0;
const HALL: usize = 1;
const STUDY: usize = 2;
const GYM: usize = 3;
const BOOKBAR: usize = 4;
const NIGHT_SCHOOL: usize = 5;
const TOOLS: usize = 6;
const COURT: usize = 7;
const CANTEEN: usize = 8;

pub(crate) const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
];
pub(crate) const GIVEN_NAMES: &[&str] = &[
    "建国", "秀英", "丽华", "志强", "海燕", "伟", "芳", "敏", "静", "磊", "洋", "艳", "勇", "军",
    "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "桂英", "子涵", "思远", "雨桐", "浩然", "欣怡",
    "宇轩", "梓萱", "一诺", "嘉怡", "俊杰", "晓东", "文博", "佳琪", "天宇", "诗涵", "鑫", "倩",
];

pub const TEAM_PATROL: &str = "保安机动队";
pub const TEAM_ANJIA: &str = "安家团";
pub const TEAM_PARTY: &str = "党员先锋小组";
pub const TEAM_GRID: &str = "网格志愿者";
pub const TEAM_YOUTH: &str = "青年志愿者";

const SKILLS: &[&str] = &[
    "社区规划师",
    "法律明白人",
    "健康达人",
    "文艺达人",
    "手工达人",
    "维修达人",
    "厨艺",
    "理发",
    "摄影",
];

/// How many volunteers the demo has; the patrol squad is the first twelve.
pub const VOLUNTEERS: usize = 40;
const PATROL_SQUAD: usize = 12;

impl Demo {
    fn meta(&mut self) -> Meta {
        Meta::new(self.ids.next_id(), self.now, &self.device)
    }

    fn today(&self) -> Date {
        self.local_now.date()
    }

    fn phone(&mut self) -> String {
        let prefixes = ["138", "139", "136", "158", "186", "177", "150", "189"];
        let prefix = prefixes[self.ids.below(prefixes.len() as u64) as usize];
        format!("{prefix}{:08}", self.ids.below(100_000_000))
    }

    fn room(&mut self) -> String {
        let building = 1 + self.ids.below(11);
        let floor = 1 + self.ids.below(18);
        let unit = 1 + self.ids.below(4);
        format!("{building}号楼 {floor}0{unit}")
    }

    fn spaces(&mut self) {
        for spec in SPACES {
            let mut opening_hours = Vec::new();
            for (days, (oh, om), (ch, cm)) in spec.hours {
                for &weekday in *days {
                    opening_hours.push(OpeningPeriod {
                        weekday,
                        opens: ClockTime::from_hm(*oh, *om).unwrap_or(ClockTime::MIDNIGHT),
                        closes: ClockTime::from_hm(*ch, *cm).unwrap_or(ClockTime::MIDNIGHT),
                    });
                }
            }
            let space = Space {
                meta: self.meta(),
                name: spec.name.to_string(),
                kind: spec.kind,
                location: spec.location.to_string(),
                capacity: spec.capacity,
                opening_hours,
                rules: spec.rules,
                amenities: spec.amenities.iter().map(|s| s.to_string()).collect(),
                notes: spec.notes.to_string(),
                active: true,
            };
            self.out.spaces.push(space);
        }
    }

    fn volunteers(&mut self) {
        for i in 0..VOLUNTEERS {
            let name = format!(
                "{}{}",
                SURNAMES[(i * 7 + i / 30) % SURNAMES.len()],
                GIVEN_NAMES[i % GIVEN_NAMES.len()]
            );
            let mut teams = vec![match i {
                0..PATROL_SQUAD => TEAM_PATROL,
                12..20 => TEAM_ANJIA,
                20..27 => TEAM_PARTY,
                _ => TEAM_YOUTH,
            }
            .to_string()];
            if i % 5 == 3 {
                teams.push(TEAM_GRID.to_string());
            }
            if (20..27).contains(&i) && i % 2 == 0 {
                teams.push(TEAM_ANJIA.to_string());
            }
            let mut skills = Vec::new();
            if i % 3 == 0 {
                skills.push(SKILLS[(i / 3) % SKILLS.len()].to_string());
            }
            if i % 7 == 2 {
                skills.push(SKILLS[(i + 4) % SKILLS.len()].to_string());
            }
            let joined_on = add_days(self.today(), -(30 + self.ids.below(900) as i64));
            let phone = self.phone();
            let room = self.room();
            let meta = self.meta();
            // Every demo volunteer was told, and agreed, at the office.
            let consent = Some(Consent {
                at: meta.created_at,
                how: ConsentHow::Recorded,
                by: "居委会 周主任".into(),
            });
            let volunteer = Volunteer {
                meta,
                name,
                phone,
                room,
                teams,
                skills,
                notes: String::new(),
                active: true,
                joined_on,
                consent,
                walk_in: false,
            };
            self.out.volunteers.push(volunteer);
        }
    }

    fn at(date: Date, hour: i8, minute: i8) -> LocalDateTime {
        LocalDateTime::new(
            date,
            ClockTime::from_hm(hour, minute).unwrap_or(ClockTime::MIDNIGHT),
        )
    }

    /// The food festival is on the first Saturday at least four days ahead.
    fn festival_day(&self) -> Date {
        let mut day = add_days(self.today(), 4);
        while day.weekday() != Weekday::Saturday {
            day = add_days(day, 1);
        }
        day
    }

    /// Adds a booking if the space is open and free then; returns its id.
    #[allow(clippy::too_many_arguments)]
    fn book(
        &mut self,
        space: usize,
        title: &str,
        purpose: &str,
        organiser: (&str, &str),
        start: LocalDateTime,
        end: LocalDateTime,
        attendees: u32,
        series_id: Option<Uuid>,
    ) -> Option<Uuid> {
        let space_rec = &self.out.spaces[space];
        let interval = Interval::new(start, end)?;
        if !space_rec.is_open_for(interval) {
            return None;
        }
        let needs_approval = space_rec.rules.needs_approval;
        let buffer = space_rec.rules.buffer_minutes;
        let space_id = space_rec.meta.id;
        let is_past = end <= self.local_now;
        // A keeper has approved the regular meetings and everything past;
        // a resident's one-off request in an approval space still waits.
        let status = if needs_approval && !is_past && series_id.is_none() {
            BookingStatus::Requested
        } else {
            BookingStatus::Confirmed
        };
        let check_in = is_past.then(|| CheckIn {
            at: start.plus_minutes(5),
            attendance: attendees.saturating_sub(self.ids.below(attendees as u64 / 4 + 1) as u32),
        });
        let phone = self.phone();
        let booking = Booking {
            meta: self.meta(),
            space_id,
            title: title.to_string(),
            purpose: purpose.to_string(),
            organiser: Organiser {
                name: organiser.0.to_string(),
                phone,
                room: organiser.1.to_string(),
                sealed: String::new(),
            },
            start,
            end,
            expected_attendees: attendees,
            status,
            series_id,
            check_in,
            notes: String::new(),
            status_change: None,
            requested_by: None,
            moved_in_at: None,
        };
        if self
            .out
            .bookings
            .iter()
            .any(|b| bookings_collide(&booking, b, buffer))
        {
            return None;
        }
        let id = booking.meta.id;
        self.out.bookings.push(booking);
        Some(id)
    }

    /// One-off bookings placed first so that weekly ones give way to them.
    fn one_off_bookings(&mut self, festival_day: Date) -> Option<Uuid> {
        let today = self.today();
        let festival = self.book(
            ANJIA,
            "美食节",
            "邻里美食节：摊位、品鉴与义卖",
            ("安家团 周丽华", "3号楼 201"),
            Self::at(festival_day, 8, 0),
            Self::at(festival_day, 17, 0),
            120,
            None,
        );
        let requests: [(
            usize,
            &str,
            &str,
            (&str, &str),
            i64,
            (i8, i8),
            (i8, i8),
            u32,
        ); 5] = [
            (
                HALL,
                "业委会换届筹备会",
                "讨论换届方案与公示流程",
                ("业委会 孙志强", "5号楼 1102"),
                3,
                (14, 0),
                (16, 0),
                15,
            ),
            (
                HALL,
                "停车规约征询会",
                "修订停车规约，听取居民意见",
                ("居民自管小组 林海燕", "9号楼 302"),
                6,
                (9, 30),
                (11, 0),
                25,
            ),
            (
                CANTEEN,
                "金婚纪念家宴",
                "老两口金婚纪念，家人邻居小聚",
                ("居民 何秀英", "2号楼 601"),
                2,
                (18, 30),
                (20, 30),
                30,
            ),
            (
                ANJIA,
                "小朋友生日会",
                "孩子七岁生日，邀请同楼小朋友",
                ("居民 郭嘉怡", "6号楼 1503"),
                5,
                (15, 0),
                (17, 0),
                18,
            ),
            (
                TOOLS,
                "阳台晾衣架维修",
                "借用电钻与梯子",
                ("居民 韩军", "8号楼 402"),
                1,
                (9, 0),
                (10, 0),
                2,
            ),
        ];
        for (space, title, purpose, who, offset, (sh, sm), (eh, em), people) in requests {
            let day = add_days(today, offset);
            self.book(
                space,
                title,
                purpose,
                who,
                Self::at(day, sh, sm),
                Self::at(day, eh, em),
                people,
                None,
            );
        }
        festival
    }

    fn recurring_bookings(&mut self) {
        let today = self.today();
        struct Series {
            space: usize,
            title: &'static str,
            purpose: &'static str,
            organiser: (&'static str, &'static str),
            start: (i8, i8),
            end: (i8, i8),
            attendees: u32,
            on: fn(Date) -> bool,
        }
        let series: Vec<Series> = vec![
            Series {
                space: HALL,
                title: "周四大家谈",
                purpose: "每周四听民意、解难题",
                organiser: ("锦港佳苑党总支", "党群服务站"),
                start: (19, 0),
                end: (20, 30),
                attendees: 25,
                on: |d| d.weekday() == Weekday::Thursday,
            },
            Series {
                space: HALL,
                title: "联席会议",
                purpose: "每月一次党建联建联席会议，7 家单位共商治理难题",
                organiser: ("社区党支部", "党群服务站"),
                start: (14, 0),
                end: (16, 0),
                attendees: 20,
                on: |d| d.weekday() == Weekday::Monday && d.day() <= 7,
            },
            Series {
                space: ANJIA,
                title: "月度议事会",
                purpose: "每月议事，凝聚治理智慧",
                organiser: ("安家团", "3号楼 架空层"),
                start: (19, 0),
                end: (20, 30),
                attendees: 30,
                on: |d| d.weekday() == Weekday::Friday && d.day() + 7 > d.days_in_month(),
            },
            Series {
                space: ANJIA,
                title: "板凳议事会",
                purpose: "楼组长与居民围坐议事",
                organiser: ("双楼组长 陈敏", "3号楼 101"),
                start: (15, 0),
                end: (16, 0),
                attendees: 12,
                on: |d| d.weekday() == Weekday::Tuesday && d.iso_week_date().week() % 2 == 0,
            },
            Series {
                space: ANJIA,
                title: "八段锦",
                purpose: "传统养生功法教学",
                organiser: ("社区卫生服务中心 宋医生", "卫生服务站"),
                start: (8, 0),
                end: (9, 0),
                attendees: 20,
                on: |d| matches!(d.weekday(), Weekday::Tuesday | Weekday::Saturday),
            },
            Series {
                space: ANJIA,
                title: "健康讲座",
                purpose: "中医养生：吃得好、睡得香、心情爽",
                organiser: ("青春护航志愿服务队", "卫生服务站"),
                start: (9, 30),
                end: (11, 0),
                attendees: 35,
                on: |d| d.weekday() == Weekday::Wednesday && d.iso_week_date().week() % 2 == 1,
            },
            Series {
                space: ANJIA,
                title: "邻里集市",
                purpose: "跳蚤站：闲置交换与便民服务",
                organiser: ("安家团", "3号楼 架空层"),
                start: (9, 30),
                end: (11, 30),
                attendees: 40,
                on: |d| d.weekday() == Weekday::Saturday && (8..=14).contains(&d.day()),
            },
            Series {
                space: ANJIA,
                title: "智慧养老课程",
                purpose: "教长者用手机挂号、视频通话、防诈骗",
                organiser: ("青年志愿者", "党群服务中心"),
                start: (9, 30),
                end: (11, 0),
                attendees: 20,
                on: |d| d.weekday() == Weekday::Monday,
            },
            Series {
                space: ANJIA,
                title: "红色故事会",
                purpose: "老党员讲社区故事",
                organiser: ("党员先锋小组", "党群服务站"),
                start: (15, 0),
                end: (16, 30),
                attendees: 25,
                on: |d| d.weekday() == Weekday::Sunday && d.iso_week_date().week() % 2 == 0,
            },
            Series {
                space: STUDY,
                title: "青年自习小组",
                purpose: "考证、考研结伴自习",
                organiser: ("青锐学习社", "青年中心"),
                start: (9, 0),
                end: (12, 0),
                attendees: 16,
                on: |_| true,
            },
            Series {
                space: STUDY,
                title: "四点半课堂",
                purpose: "放学后作业辅导",
                organiser: ("青年志愿者", "党群服务中心"),
                start: (16, 0),
                end: (18, 0),
                attendees: 15,
                on: |d| weekday_number(d.weekday()) <= 5,
            },
            Series {
                space: GYM,
                title: "长者康复操",
                purpose: "慢性病群组管理：手指操与康复训练",
                organiser: ("卫生服务中心 黄娇娇", "卫生服务站"),
                start: (9, 0),
                end: (10, 0),
                attendees: 12,
                on: |_| true,
            },
            Series {
                space: GYM,
                title: "青年体能训练",
                purpose: "下班后结伴锻炼",
                organiser: ("篮球社", "青年中心"),
                start: (19, 0),
                end: (20, 0),
                attendees: 14,
                on: |d| {
                    matches!(
                        d.weekday(),
                        Weekday::Monday | Weekday::Wednesday | Weekday::Friday
                    )
                },
            },
            Series {
                space: BOOKBAR,
                title: "咖啡品鉴",
                purpose: "青创社团汇特色课程",
                organiser: ("青春梦想家社工站", "社工站"),
                start: (19, 0),
                end: (20, 30),
                attendees: 18,
                on: |d| d.weekday() == Weekday::Friday,
            },
            Series {
                space: BOOKBAR,
                title: "深度阅读沙龙",
                purpose: "青锐学习社读书会",
                organiser: ("青锐学习社", "青年中心"),
                start: (14, 0),
                end: (16, 0),
                attendees: 15,
                on: |d| d.weekday() == Weekday::Sunday,
            },
            Series {
                space: NIGHT_SCHOOL,
                title: "手工扎染",
                purpose: "青年夜校课程",
                organiser: ("青年夜校", "青年中心"),
                start: (19, 0),
                end: (21, 0),
                attendees: 24,
                on: |d| d.weekday() == Weekday::Wednesday,
            },
            Series {
                space: NIGHT_SCHOOL,
                title: "摄影入门",
                purpose: "青年夜校课程",
                organiser: ("青年夜校", "青年中心"),
                start: (14, 30),
                end: (16, 30),
                attendees: 20,
                on: |d| d.weekday() == Weekday::Saturday,
            },
            Series {
                space: TOOLS,
                title: "达人维修日",
                purpose: "维修达人帮居民修小家电",
                organiser: ("维修达人 冯刚", "7号楼 102"),
                start: (14, 0),
                end: (16, 0),
                attendees: 6,
                on: |d| d.weekday() == Weekday::Thursday,
            },
            Series {
                space: COURT,
                title: "篮球社训练",
                purpose: "篮球社例行训练",
                organiser: ("篮球社", "青年中心"),
                start: (16, 0),
                end: (18, 0),
                attendees: 16,
                on: |d| d.weekday() == Weekday::Saturday,
            },
            Series {
                space: COURT,
                title: "篮球社夜场",
                purpose: "篮球社友谊赛",
                organiser: ("篮球社", "青年中心"),
                start: (19, 0),
                end: (21, 0),
                attendees: 20,
                on: |d| d.weekday() == Weekday::Wednesday,
            },
        ];
        for s in &series {
            let series_id = Some(self.ids.next_id());
            for offset in -DAYS_BEFORE..=DAYS_AFTER {
                let day = add_days(today, offset);
                if (s.on)(day) {
                    let start = Self::at(day, s.start.0, s.start.1);
                    let end = Self::at(day, s.end.0, s.end.1);
                    self.book(
                        s.space,
                        s.title,
                        s.purpose,
                        s.organiser,
                        start,
                        end,
                        s.attendees,
                        series_id,
                    );
                }
            }
        }
        // One rained-off match, kept on record as cancelled.
        if let Some(b) = self
            .out
            .bookings
            .iter_mut()
            .find(|b| b.title == "篮球社夜场" && b.end < self.local_now)
        {
            b.status = BookingStatus::Cancelled;
            b.check_in = None;
            b.status_change = Some(StatusChange {
                by: "篮球社".to_string(),
                reason: "下雨取消".to_string(),
                device: Some(self.device.clone()),
                no_show: false,
            });
        }
    }

    fn activity(
        &mut self,
        title: &str,
        kind: ActivityKind,
        place: Place,
        from: Date,
        to: Date,
        description: &str,
        team: Option<&str>,
    ) -> Uuid {
        let activity = Activity {
            meta: self.meta(),
            title: title.to_string(),
            kind,
            place,
            starts_on: from,
            ends_on: to,
            description: description.to_string(),
            team: team.map(str::to_string),
        };
        let id = activity.meta.id;
        self.out.activities.push(activity);
        id
    }

    #[allow(clippy::too_many_arguments)]
    fn shift(
        &mut self,
        activity_id: Uuid,
        role: &str,
        start: LocalDateTime,
        end: LocalDateTime,
        min: u32,
        max: u32,
        place: &str,
        skill: Option<&str>,
    ) -> usize {
        let shift = Shift {
            meta: self.meta(),
            activity_id,
            role: role.to_string(),
            start,
            end,
            needed_min: min,
            needed_max: max,
            place: place.to_string(),
            notes: String::new(),
            required_skill: skill.map(str::to_string),
            served: None,
        };
        self.out.shifts.push(shift);
        self.out.shifts.len() - 1
    }

    /// Puts volunteer `v` on shift `s` unless they are busy then or the
    /// shift is full. Past shifts are completed (or missed), running ones
    /// are checked in, future ones confirmed.
    fn assign(&mut self, s: usize, v: usize) -> bool {
        let shift = &self.out.shifts[s];
        let Some(interval) = shift.interval() else {
            return false;
        };
        let shift_id = shift.meta.id;
        let taken = self
            .out
            .assignments
            .iter()
            .filter(|a| a.shift_id == shift_id)
            .count() as u32;
        if taken >= shift.needed_max {
            return false;
        }
        let volunteer_id = self.out.volunteers[v].meta.id;
        let busy = self.busy.entry(volunteer_id).or_default();
        if busy.iter().any(|b| b.overlaps(interval)) {
            return false;
        }
        busy.push(interval);
        let (start, end) = (interval.start, interval.end);
        let roll = self.ids.below(20);
        let (status, check_in, check_out) = if end <= self.local_now {
            if roll == 0 {
                (AssignmentStatus::NoShow, None, None)
            } else {
                (
                    AssignmentStatus::Completed,
                    Some(start.plus_minutes(-(roll as i64 % 6))),
                    Some(end.plus_minutes(roll as i64 % 4)),
                )
            }
        } else if start <= self.local_now {
            (AssignmentStatus::CheckedIn, Some(start), None)
        } else if roll < 6 {
            (AssignmentStatus::SignedUp, None, None)
        } else {
            (AssignmentStatus::Confirmed, None, None)
        };
        let assignment = Assignment {
            meta: self.meta(),
            shift_id,
            volunteer_id,
            status,
            check_in,
            check_out,
            correction: None,
            moved_in_at: None,
        };
        self.out.assignments.push(assignment);
        true
    }

    /// Fills `shift` with up to `count` people from `pool`, starting at `from`.
    fn fill(&mut self, s: usize, pool: &[usize], from: usize, count: usize) {
        let mut placed = 0;
        for k in 0..pool.len() {
            if placed == count {
                break;
            }
            if self.assign(s, pool[(from + k) % pool.len()]) {
                placed += 1;
            }
        }
    }

    fn team_members(&self, team: &str) -> Vec<usize> {
        self.out
            .volunteers
            .iter()
            .enumerate()
            .filter(|(_, v)| v.teams.iter().any(|t| t == team))
            .map(|(i, _)| i)
            .collect()
    }

    fn food_festival(&mut self, day: Date, booking: Option<Uuid>) {
        let place = Place::Space {
            space_id: self.out.spaces[ANJIA].meta.id,
            booking_id: booking,
        };
        let id = self.activity(
            "美食节",
            ActivityKind::Event,
            place,
            day,
            day,
            "邻里美食节：居民摆摊、品鉴、义卖，所得用于社区微心愿。",
            Some(TEAM_ANJIA),
        );
        let helpers: Vec<usize> =
            [self.team_members(TEAM_ANJIA), self.team_members(TEAM_YOUTH)].concat();
        let plan: [(&str, (i8, i8), (i8, i8), u32, u32, Option<&str>, usize); 6] = [
            ("场地布置", (8, 0), (9, 30), 4, 6, None, 4),
            ("签到引导", (9, 30), (12, 0), 2, 3, None, 2),
            ("秩序维护", (10, 0), (12, 30), 3, 4, None, 2),
            ("秩序维护", (12, 30), (15, 0), 3, 4, None, 1),
            ("摊位协助", (10, 0), (14, 0), 4, 6, Some("厨艺"), 3),
            ("清洁收尾", (15, 0), (17, 0), 3, 5, None, 1),
        ];
        for (i, (role, s, e, min, max, skill, fill)) in plan.into_iter().enumerate() {
            let shift = self.shift(
                id,
                role,
                Self::at(day, s.0, s.1),
                Self::at(day, e.0, e.1),
                min,
                max,
                "安家院儿",
                skill,
            );
            self.fill(shift, &helpers, i * 3, fill);
        }
    }

    /// 每日 6 次非机动车巡逻: six one-hour e-bike patrols a day, two people each.
    fn patrols(&mut self) {
        let today = self.today();
        let from = add_days(today, -DUTY_DAYS);
        let to = add_days(today, DUTY_DAYS);
        let id = self.activity(
            "非机动车巡逻",
            ActivityKind::Duty,
            Place::Text {
                text: "各楼栋非机动车棚及消防通道".to_string(),
            },
            from,
            to,
            "保安机动队每日 6 次巡逻：查违规停放、飞线充电，保持消防通道畅通。",
            Some(TEAM_PATROL),
        );
        let squad: Vec<usize> = (0..PATROL_SQUAD).collect();
        let mut turn = 0;
        for offset in -DUTY_DAYS..=DUTY_DAYS {
            let day = add_days(today, offset);
            for hour in [7, 9, 12, 15, 18, 21] {
                let shift = self.shift(
                    id,
                    "巡逻",
                    Self::at(day, hour, 0),
                    Self::at(day, hour + 1, 0),
                    2,
                    2,
                    "东门集合",
                    None,
                );
                // A few future patrols still lack their second person.
                let people = if offset > 2 && (hour + offset as i8) % 5 == 0 {
                    1
                } else {
                    2
                };
                self.fill(shift, &squad, turn, people);
                turn += 2;
            }
        }
    }

    /// 助老送餐: weekday meal delivery to elderly residents.
    fn meal_delivery(&mut self) {
        let today = self.today();
        let from = add_days(today, -DUTY_DAYS);
        let to = add_days(today, DUTY_DAYS);
        let id = self.activity(
            "助老送餐",
            ActivityKind::Service,
            Place::Text {
                text: "社区食堂出发，送至各楼栋".to_string(),
            },
            from,
            to,
            "工作日午间为独居和高龄老人送 15 元暖心餐。",
            Some(TEAM_ANJIA),
        );
        let pool: Vec<usize> =
            [self.team_members(TEAM_ANJIA), self.team_members(TEAM_PARTY)].concat();
        let mut turn = 0;
        for offset in -DUTY_DAYS..=DUTY_DAYS {
            let day = add_days(today, offset);
            if weekday_number(day.weekday()) > 5 {
                continue;
            }
            let shift = self.shift(
                id,
                "送餐",
                Self::at(day, 10, 30),
                Self::at(day, 12, 30),
                2,
                3,
                "社区食堂",
                None,
            );
            let people = if offset > 0 && offset % 3 == 0 { 1 } else { 2 };
            self.fill(shift, &pool, turn, people);
            // Past rounds have their meals counted (服务人次), as a lead
            // enters them when the round ends.
            if offset < 0 {
                self.out.shifts[shift].served = Some(14 + offset.rem_euclid(5) as u32);
            }
            turn += 3;
        }
    }

    /// A "四季公益" Sunday: free clinic, haircuts and anti-fraud outreach.
    fn charity_day(&mut self) {
        let mut day = add_days(self.today(), 2);
        while day.weekday() != Weekday::Sunday {
            day = add_days(day, 1);
        }
        let id = self.activity(
            "义诊义剪 · 反诈宣传",
            ActivityKind::Event,
            Place::Text {
                text: "小区中心广场".to_string(),
            },
            day,
            day,
            "四季公益：义诊、义剪与反诈宣传，服务居民。",
            Some(TEAM_PARTY),
        );
        let pool: Vec<usize> =
            [self.team_members(TEAM_PARTY), self.team_members(TEAM_YOUTH)].concat();
        let plan: [(&str, u32, u32, Option<&str>, usize); 3] = [
            ("义剪", 2, 2, Some("理发"), 1),
            ("义诊协助", 1, 2, Some("健康达人"), 1),
            ("反诈宣传", 2, 4, None, 3),
        ];
        for (i, (role, min, max, skill, fill)) in plan.into_iter().enumerate() {
            let shift = self.shift(
                id,
                role,
                Self::at(day, 9, 0),
                Self::at(day, 11, 30),
                min,
                max,
                "中心广场",
                skill,
            );
            self.fill(shift, &pool, i * 4, fill);
        }
    }
}
