/* The route table: the whole API surface and who may call what. Default deny: anything not
 * listed here is 404; every route names the permission it needs (PERM_NONE: public). A
 * read-only role (province) calls no route that writes, other than those flagged ROUTE_SELF
 * (its own session and account): see route_role_allowed. */
#include "http/routes.h"
#include "announce/announce.h"
#include "announce/announce_api.h"
#include "audit/audit_api.h"
#include "auth/auth_api.h"
#include "enterprise/enterprise.h"
#include "enterprise/enterprise_api.h"
#include "http/sys_api.h"
#include "org/org_api.h"
#include "project/project.h"
#include "project/project_api.h"
#include "project/project_bulletin_api.h"
#include "project/project_export_api.h"
#include "project/project_import_api.h"
#include "project/project_review.h"
#include "project/project_work.h"
#include "ticket/open311_api.h"
#include "ticket/ticket_api.h"
#include "ticket/ticket_store.h"
#include "work/attachment_api.h"
#include "work/calendar_api.h"
#include "work/notify_api.h"
#include "work/timeline_api.h"
#include "work/work.h"
#include "work/notify.h"
#include "work/webhook.h"
#include "audit/audit.h"
#include "economy/economy_api.h"
#include "economy/economy_import_api.h"
#include "economy/economy_remind.h"
#include "economy/economy.h"
#include "economy/economy_bulletin_api.h"
#include "economy/economy_baobao_api.h"
#include "auth/auth.h"
#include "space/space.h"
#include "space/space_api.h"
#include "jobs/jobs.h"
#include "jobs/jobs_api.h"

/* R(method, pattern, handler, permission, flags[, .summary = "…", .schema = &ENTITY_X]) */
#define R(m, pat, handler, p, fl, ...)                                                             \
	{                                                                                          \
		.method = HTTP_##m, .pattern = pat, .fn = handler, .perm = p, .flags = fl,         \
		.name = pat, __VA_ARGS__                                                           \
	}

/* The kinds of work items (work/work.h): each module that tracks work with the shared services
 * declares its kind beside its store; its shared routes carry it as .arg. */
const struct work_kind *const work_kinds[] = {&ticket_kind,  &announce_kind, &project_kind,
                                              &problem_kind, &econ_kind,     &jobs_demand_kind, NULL};

const struct route routes[] = {
    /* service */
    R(GET, "/healthz", h_healthz, PERM_NONE, 0),
    R(GET, "/metrics", h_metrics, PERM_NONE, 0),
    R(GET, "/api/openapi.json", h_openapi, PERM_AUTH, 0),

    /* sessions and one's own account */
    R(POST, "/api/login", h_login, PERM_NONE, ROUTE_NO_CSRF | ROUTE_SLOW),
    R(POST, "/api/logout", h_logout, PERM_AUTH, ROUTE_PASSWORD_OK | ROUTE_TOTP_OK | ROUTE_SELF),
    R(GET, "/api/me", h_me, PERM_AUTH, ROUTE_PASSWORD_OK | ROUTE_TOTP_OK | ROUTE_SELF),
    R(PUT, "/api/me/password", h_me_password, PERM_AUTH,
      ROUTE_PASSWORD_OK | ROUTE_SLOW | ROUTE_TOTP_OK | ROUTE_SELF),
    R(GET, "/api/me/totp", h_me_totp, PERM_AUTH, ROUTE_TOTP_OK | ROUTE_SELF),
    R(POST, "/api/me/totp/enrol", h_me_totp_enrol, PERM_AUTH,
      ROUTE_TOTP_OK | ROUTE_SLOW | ROUTE_SELF),
    R(POST, "/api/me/totp/confirm", h_me_totp_confirm, PERM_AUTH, ROUTE_TOTP_OK | ROUTE_SELF),
    R(POST, "/api/me/totp/disable", h_me_totp_disable, PERM_AUTH, ROUTE_SLOW | ROUTE_SELF),
    R(PUT, "/api/me/zone", h_me_zone, PERM_ZONE_READ, ROUTE_SELF),

    /* organisation */
    R(GET, "/api/roles", h_roles_list, PERM_ROLE_READ, 0, .summary = "角色及其权限"),
    R(GET, "/api/zones", h_zones_list, PERM_ZONE_READ, ROUTE_LIST | ROUTE_WHOLE,
      .summary = "可查看的园区", .schema = &ENTITY_ZONE),
    R(GET, "/api/depts", h_depts_list, PERM_DEPT_READ, ROUTE_LIST | ROUTE_WHOLE,
      .summary = "部门列表（按路径排序，前端组成树）", .schema = &ENTITY_DEPT),
    R(POST, "/api/depts", h_depts_create, PERM_DEPT_WRITE, 0, .summary = "新建部门",
      .schema = &ENTITY_DEPT),
    R(PUT, "/api/depts/:id", h_depts_update, PERM_DEPT_WRITE, ROUTE_EMPTY,
      .summary = "修改部门（改上级时整棵子树随之移动）", .schema = &ENTITY_DEPT),
    R(DELETE, "/api/depts/:id", h_depts_delete, PERM_DEPT_WRITE, ROUTE_EMPTY,
      .summary = "删除部门（有下级或用户时 409）"),
    R(GET, "/api/users", h_users_list, PERM_USER_READ, ROUTE_LIST, .summary = "用户列表",
      .schema = &ENTITY_USER),
    R(POST, "/api/users", h_users_create, PERM_USER_WRITE, ROUTE_SLOW, .summary = "新建用户",
      .schema = &ENTITY_USER),
    R(GET, "/api/users/:id", h_users_get, PERM_USER_READ, 0, .summary = "查看用户",
      .schema = &ENTITY_USER),
    R(PUT, "/api/users/:id", h_users_update, PERM_USER_WRITE, 0,
      .summary = "修改用户（未给出的字段不变）", .schema = &ENTITY_USER),
    R(POST, "/api/users/:id/lock", h_users_lock, PERM_USER_WRITE, ROUTE_EMPTY,
      .summary = "锁定用户"),
    R(POST, "/api/users/:id/unlock", h_users_unlock, PERM_USER_WRITE, ROUTE_EMPTY,
      .summary = "解锁用户"),
    R(POST, "/api/users/:id/reset-password", h_users_reset_password, PERM_USER_WRITE,
      ROUTE_SLOW | ROUTE_EMPTY, .summary = "重置用户密码（下次登录须修改）"),
    R(POST, "/api/users/:id/totp/reset", h_users_totp_reset, PERM_USER_WRITE, ROUTE_EMPTY,
      .summary = "重置用户的动态口令"),
    R(GET, "/api/security/totp-roles", h_totp_roles, PERM_USER_READ, 0,
      .summary = "须启用动态口令的角色"),
    R(PUT, "/api/security/totp-roles", h_totp_roles_set, PERM_USER_WRITE, 0,
      .summary = "设置须启用动态口令的角色"),

    /* enterprise registry (企业库) */
    R(GET, "/api/enterprises", h_ent_list, PERM_ENTERPRISE_READ, ROUTE_SEARCH | ROUTE_LIST,
      .summary = "企业列表", .schema = &ENTITY_ENTERPRISE, .query = &ENTITY_ENT_QUERY),
    R(POST, "/api/enterprises", h_ent_create, PERM_ENTERPRISE_WRITE, 0, .summary = "新建企业",
      .schema = &ENTITY_ENTERPRISE),
    R(GET, "/api/enterprises/export", h_ent_export, PERM_ENTERPRISE_READ, ROUTE_HEAVY | ROUTE_FILE,
      .summary = "导出企业库（xlsx 或 csv，条件同列表）"),
    R(GET, "/api/enterprises/import/template", h_ent_template, PERM_ENTERPRISE_READ, ROUTE_FILE,
      .summary = "下载企业导入模板"),
    R(POST, "/api/enterprises/import", h_ent_import, PERM_ENTERPRISE_IMPORT,
      ROUTE_UPLOAD | ROUTE_HEAVY, .summary = "导入企业（先校验全部行，按统一社会信用代码更新）"),
    R(GET, "/api/enterprises/:id", h_ent_get, PERM_ENTERPRISE_READ, 0, .summary = "查看企业",
      .schema = &ENTITY_ENTERPRISE),
    R(PUT, "/api/enterprises/:id", h_ent_update, PERM_ENTERPRISE_WRITE, 0, .summary = "修改企业",
      .schema = &ENTITY_ENTERPRISE),
    R(POST, "/api/enterprises/:id/archive", h_ent_archive, PERM_ENTERPRISE_WRITE, ROUTE_EMPTY,
      .summary = "归档企业"),
    R(POST, "/api/enterprises/:id/unarchive", h_ent_unarchive, PERM_ENTERPRISE_WRITE, ROUTE_EMPTY,
      .summary = "取消归档企业"),
    R(GET, "/api/enterprises/:id/visits", h_ent_visits, PERM_ENTERPRISE_READ,
      ROUTE_LIST | ROUTE_WHOLE, .summary = "企业的包保走访记录", .schema = &ENTITY_VISIT),
    R(POST, "/api/enterprises/:id/visits", h_ent_visit_add, PERM_ENTERPRISE_VISIT, ROUTE_NEW_ID,
      .summary = "登记包保走访", .schema = &ENTITY_VISIT),
    R(GET, "/api/baobao/leaders", h_ent_leaders, PERM_ENTERPRISE_READ, 0,
      .summary = "包保领导及其企业"),
    R(GET, "/api/stats/enterprises", h_ent_stats, PERM_ENTERPRISE_READ, 0,
      .summary = "企业统计（行业、资质、包保覆盖）"),
    R(GET, "/api/industries", h_industries, PERM_AUTH, 0,
      .summary = "国民经济行业分类（GB/T 4754-2017）"),

    /* enterprise requests (企业诉求): the list and a creation read and write ENTITY_TICKET;
     * an action takes its own body and answers the request as it left it */
    R(GET, "/api/tickets", h_ticket_list, PERM_TICKET_READ, ROUTE_SEARCH | ROUTE_LIST,
      .summary = "诉求列表（可筛选、检索）", .schema = &ENTITY_TICKET),
    R(POST, "/api/tickets", h_ticket_create, PERM_TICKET_CREATE, 0, .summary = "提交诉求",
      .schema = &ENTITY_TICKET),
    R(GET, "/api/tickets/stats", h_ticket_stats, PERM_TICKET_STATS, ROUTE_HEAVY,
      .summary = "诉求统计（解决率、满意率等）"),
    R(GET, "/api/tickets/export", h_ticket_export, PERM_TICKET_READ, ROUTE_HEAVY | ROUTE_FILE,
      .summary = "导出诉求列表（xlsx 或 csv）"),
    R(GET, "/api/tickets/briefing", h_ticket_briefing, PERM_TICKET_STATS, ROUTE_HEAVY | ROUTE_FILE,
      .summary = "诉求每日简报（html 或 pdf）"),
    R(GET, "/api/tickets/:id", h_ticket_get, PERM_TICKET_READ, 0,
      .summary = "诉求详情（含办理时间线和附件）"),
    R(POST, "/api/tickets/:id/accept", h_ticket_accept, PERM_TICKET_TRIAGE, 0,
      .summary = "受理并分派诉求"),
    R(POST, "/api/tickets/:id/reject", h_ticket_reject, PERM_TICKET_TRIAGE, 0,
      .summary = "不予受理"),
    R(POST, "/api/tickets/:id/merge", h_ticket_merge, PERM_TICKET_TRIAGE, 0,
      .summary = "合并到同一企业的诉求"),
    R(POST, "/api/tickets/:id/start", h_ticket_start, PERM_TICKET_HANDLE, 0,
      .summary = "开始办理（首次联系）"),
    R(POST, "/api/tickets/:id/wait", h_ticket_wait, PERM_TICKET_HANDLE, 0,
      .summary = "要求企业补充材料"),
    R(POST, "/api/tickets/:id/supply", h_ticket_supply, PERM_TICKET_RATE, 0,
      .summary = "企业补充材料"),
    R(POST, "/api/tickets/:id/return", h_ticket_return, PERM_TICKET_HANDLE, 0,
      .summary = "退回企业服务中心"),
    R(POST, "/api/tickets/:id/resolve", h_ticket_resolve, PERM_TICKET_HANDLE, 0,
      .summary = "办结答复"),
    R(POST, "/api/tickets/:id/rate", h_ticket_rate, PERM_TICKET_RATE, 0,
      .summary = "评价或回访录入满意度"),
    R(POST, "/api/tickets/:id/comments", h_ticket_comment, PERM_TICKET_READ, 0,
      .summary = "回复或内部备注"),
    R(POST, "/api/tickets/:id/extension", h_ticket_extension, PERM_TICKET_HANDLE, 0,
      .summary = "申请延期"),
    R(POST, "/api/tickets/:id/extension/decision", h_ticket_extension_decide, PERM_TICKET_TRIAGE, 0,
      .summary = "审批延期申请"),
    R(POST, "/api/tickets/:id/escalate", h_ticket_escalate, PERM_TICKET_ESCALATE, 0,
      .summary = "挂牌督办"),
    R(GET, "/api/tickets/:id/attachments", h_attachment_list, PERM_TICKET_READ, 0,
      .arg = &ticket_kind, .summary = "诉求附件列表"),
    R(POST, "/api/tickets/:id/attachments", h_attachment_upload, PERM_TICKET_READ, ROUTE_UPLOAD,
      .arg = &ticket_kind, .summary = "上传诉求附件"),
    R(GET, "/api/tickets/:id/attachments/:aid", h_attachment_download, PERM_TICKET_READ, ROUTE_FILE,
      .arg = &ticket_kind, .summary = "下载诉求附件"),
    R(DELETE, "/api/tickets/:id/attachments/:aid", h_attachment_delete, PERM_TICKET_READ, 0,
      .arg = &ticket_kind, .summary = "删除诉求附件"),
    R(GET, "/api/ticket-rules", h_ticket_rules, PERM_TICKET_READ, 0, .summary = "诉求办理时限规则"),
    R(PUT, "/api/ticket-rules", h_ticket_rule_set, PERM_TICKET_ADMIN, 0,
      .summary = "设置诉求办理时限规则"),
    R(GET, "/api/notifications", h_notifications_list, PERM_TICKET_READ, 0),
    R(POST, "/api/notifications/:id/read", h_notification_read, PERM_TICKET_READ, 0),
    R(POST, "/api/notifications/read-all", h_notifications_read_all, PERM_TICKET_READ, 0),
    R(GET, "/api/webhooks", h_webhooks_list, PERM_TICKET_ADMIN, 0),
    R(POST, "/api/webhooks", h_webhooks_create, PERM_TICKET_ADMIN, 0),
    R(GET, "/api/webhooks/deliveries", h_webhook_deliveries, PERM_TICKET_ADMIN, 0),
    R(DELETE, "/api/webhooks/:id", h_webhooks_delete, PERM_TICKET_ADMIN, 0),
    R(GET, "/api/holidays", h_holidays, PERM_TICKET_READ, 0),
    R(POST, "/api/holidays", h_holiday_set, PERM_TICKET_ADMIN, 0),

    /* 通知公告: announcements to the zone's enterprises (src/announce/) */
    R(GET, "/api/announcements", h_ann_list, PERM_ANNOUNCE_READ, ROUTE_LIST,
      .summary = "公告列表（企业用户：发给本企业的已发布公告，未读在前）",
      .schema = &ENTITY_ANNOUNCEMENT),
    R(POST, "/api/announcements", h_ann_create, PERM_ANNOUNCE_WRITE, 0, .summary = "新建公告草稿",
      .schema = &ENTITY_ANNOUNCEMENT),
    R(GET, "/api/announcements/:id", h_ann_get, PERM_ANNOUNCE_READ, 0,
      .summary = "公告详情（企业用户首次打开即记录阅读回执）", .schema = &ENTITY_ANNOUNCEMENT),
    R(PUT, "/api/announcements/:id", h_ann_update, PERM_ANNOUNCE_WRITE, 0,
      .summary = "编辑公告草稿", .schema = &ENTITY_ANNOUNCEMENT),
    R(POST, "/api/announcements/:id/publish", h_ann_publish, PERM_ANNOUNCE_WRITE, 0,
      .summary = "发布公告：确定发送范围并通知企业", .schema = &ENTITY_ANNOUNCEMENT),
    R(POST, "/api/announcements/:id/withdraw", h_ann_withdraw, PERM_ANNOUNCE_WRITE, 0,
      .summary = "撤回已发布的公告", .schema = &ENTITY_ANNOUNCEMENT),
    R(GET, "/api/announcements/:id/receipts", h_ann_receipts, PERM_ANNOUNCE_READ, 0,
      .summary = "阅读回执：已读数、发送企业数和未读企业名单"),
    R(GET, "/api/announcements/:id/attachments", h_attachment_list, PERM_ANNOUNCE_READ, 0,
      .summary = "公告附件列表", .arg = &announce_kind),
    R(POST, "/api/announcements/:id/attachments", h_attachment_upload, PERM_ANNOUNCE_WRITE,
      ROUTE_UPLOAD, .summary = "上传公告附件（仅草稿）", .arg = &announce_kind),
    R(GET, "/api/announcements/:id/attachments/:aid", h_attachment_download, PERM_ANNOUNCE_READ,
      ROUTE_FILE, .summary = "下载公告附件", .arg = &announce_kind),
    R(DELETE, "/api/announcements/:id/attachments/:aid", h_attachment_delete, PERM_ANNOUNCE_WRITE,
      0, .summary = "删除公告附件（仅草稿，上传者本人）", .arg = &announce_kind),

    /* 经济运行: the enterprises' monthly figures and the zone's (src/economy/) */
    R(GET, "/api/economy/indicators", h_econ_indicators, PERM_ECONOMY_READ, 0,
      .summary = "经济指标目录（all=1 含停用指标）", .schema = &ENTITY_ECON_INDICATOR),
    R(POST, "/api/economy/indicators", h_econ_indicator_create, PERM_ECONOMY_ADMIN, 0,
      .summary = "新增经济指标", .schema = &ENTITY_ECON_INDICATOR),
    R(PUT, "/api/economy/indicators/:id", h_econ_indicator_update, PERM_ECONOMY_ADMIN, 0,
      .summary = "修改经济指标（名称、单位、报送范围、启用）", .schema = &ENTITY_ECON_INDICATOR),
    R(GET, "/api/economy/periods/:period", h_econ_period_get, PERM_ECONOMY_READ, 0,
      .summary = "月份的报送截止日期与状态（未结束、报送中、已截止）"),
    R(PUT, "/api/economy/periods/:period", h_econ_period_set, PERM_ECONOMY_ADMIN, 0,
      .summary = "设定月份的报送截止日期"),
    R(PUT, "/api/economy/targets", h_econ_targets_set, PERM_ECONOMY_ADMIN, 0,
      .summary = "设定年度指标目标"),
    R(GET, "/api/economy/summary", h_econ_summary, PERM_ECONOMY_STATS, 0,
      .summary = "园区经济指标：当月、累计、同比（同口径）、目标进度与双过半"),
    R(GET, "/api/economy/contributions", h_econ_contributions, PERM_ECONOMY_STATS, 0,
      .summary = "贡献与拖累：同口径企业对园区增减的贡献（拉动、拖累、波动明显）"),
    R(GET, "/api/economy/bulletin", h_econ_bulletin, PERM_ECONOMY_STATS, ROUTE_HEAVY | ROUTE_FILE,
      .summary = "经济运行月报（pdf 或 html）"),
    R(GET, "/api/economy/missing", h_econ_missing, PERM_ECONOMY_REVIEW, 0,
      .summary = "应报未报（含被退回）的企业"),
    R(POST, "/api/economy/reports", h_econ_report_file, PERM_ECONOMY_REPORT, 0,
      .summary = "企业直报月度数据（截止后由经发局填写原因修订）", .schema = &ENTITY_ECON_REPORT),
    R(GET, "/api/economy/reports", h_econ_report_list, PERM_ECONOMY_READ, ROUTE_LIST,
      .summary = "月度报表列表（企业：本企业；经发局：全园区）", .schema = &ENTITY_ECON_REPORT),
    R(GET, "/api/economy/reports/:id", h_econ_report_get, PERM_ECONOMY_READ, 0,
      .summary = "月度报表详情（含上月和上年同期）", .schema = &ENTITY_ECON_REPORT),
    R(POST, "/api/economy/reports/:id/accept", h_econ_report_accept, PERM_ECONOMY_REVIEW, 0,
      .summary = "审核通过月度报表", .schema = &ENTITY_ECON_REPORT),
    R(POST, "/api/economy/reports/:id/return", h_econ_report_return, PERM_ECONOMY_REVIEW, 0,
      .summary = "退回月度报表（须填写意见）", .schema = &ENTITY_ECON_REPORT),
    R(POST, "/api/economy/import", h_econ_import, PERM_ECONOMY_REVIEW, ROUTE_UPLOAD | ROUTE_HEAVY,
      .summary = "导入统计报表（?period=YYYY-MM；合并表头、合计行、万元/亿元，同比与系统核对）"),
    R(POST, "/api/economy/reminders", h_econ_remind, PERM_ECONOMY_REVIEW, 0,
      .summary = "催报：通知应报未报的企业及其包保领导、联络员"),
    /* 包保企业: the monthly targets, 调度 and figures of the enterprises a cadre serves */
    R(GET, "/api/economy/baobao", h_bb_list, PERM_ECONOMY_BAOBAO, 0,
      .summary = "包保企业月度目标与完成情况（?period=YYYY-MM&leader_id=；经济统计权限：全园区）"),
    R(GET, "/api/economy/baobao/:id", h_bb_get, PERM_ECONOMY_BAOBAO, 0,
      .summary = "包保企业的月度目标、实绩、调度记录与走访记录"),
    R(PUT, "/api/economy/baobao/:id/targets", h_bb_targets_set, PERM_ECONOMY_BAOBAO, 0,
      .summary = "设定包保企业月度目标（包保领导、联络员或管理员；不能设定已过月份）"),
    R(POST, "/api/economy/baobao/:id/dispatches", h_bb_dispatch_add, PERM_ECONOMY_BAOBAO, 0,
      .summary = "记录月中调度（可一并提交企业诉求）"),
    /* 载体: the zone's buildings, units and leases, and its vacancy (src/space/) */
    R(GET, "/api/space/summary", h_space_summary, PERM_SPACE_STATS, 0,
      .summary = "载体空置情况：单元数、空置数、空置率（按楼宇、按类型）"),
    R(GET, "/api/space/buildings", h_space_building_list, PERM_SPACE_READ, ROUTE_LIST,
      .summary = "楼宇列表（含单元数、空置数）", .schema = &ENTITY_SPACE_BUILDING,
      .query = &ENTITY_SPACE_BUILDING_QUERY),
    R(POST, "/api/space/buildings", h_space_building_create, PERM_SPACE_WRITE, 0,
      .summary = "登记楼宇（标准厂房、孵化器、人才公寓、写字楼）",
      .schema = &ENTITY_SPACE_BUILDING),
    R(GET, "/api/space/buildings/:id", h_space_building_get, PERM_SPACE_READ, 0,
      .summary = "楼宇详情", .schema = &ENTITY_SPACE_BUILDING),
    R(PATCH, "/api/space/buildings/:id", h_space_building_update, PERM_SPACE_WRITE, 0,
      .summary = "修改楼宇", .schema = &ENTITY_SPACE_BUILDING),
    R(GET, "/api/space/units", h_space_unit_list, PERM_SPACE_READ, ROUTE_LIST,
      .summary = "单元列表（企业用户：空置单元和本企业承租的单元，不含承租人）",
      .schema = &ENTITY_SPACE_UNIT, .query = &ENTITY_SPACE_UNIT_QUERY),
    R(POST, "/api/space/units", h_space_unit_create, PERM_SPACE_WRITE, 0,
      .summary = "登记单元（面积、荷载、配电、户型、租金、状态）", .schema = &ENTITY_SPACE_UNIT),
    R(GET, "/api/space/units/:id", h_space_unit_get, PERM_SPACE_READ, 0, .summary = "单元详情",
      .schema = &ENTITY_SPACE_UNIT),
    R(PATCH, "/api/space/units/:id", h_space_unit_update, PERM_SPACE_WRITE, 0,
      .summary = "修改单元（已租状态由租约确定）", .schema = &ENTITY_SPACE_UNIT),
    R(GET, "/api/space/leases", h_space_lease_list, PERM_SPACE_READ, ROUTE_LIST,
      .summary = "租约列表（expiring_days：即将到期；企业用户：本企业的租约）",
      .schema = &ENTITY_SPACE_LEASE, .query = &ENTITY_SPACE_LEASE_QUERY),
    R(POST, "/api/space/leases", h_space_lease_create, PERM_SPACE_WRITE, 0,
      .summary = "登记租约（单元随之为已租；租期不能与生效的租约重叠）",
      .schema = &ENTITY_SPACE_LEASE),
    R(GET, "/api/space/leases/:id", h_space_lease_get, PERM_SPACE_READ, 0, .summary = "租约详情",
      .schema = &ENTITY_SPACE_LEASE),
    R(POST, "/api/space/leases/:id/end", h_space_lease_end, PERM_SPACE_WRITE, 0,
      .summary = "结束租约（单元随之为空置）", .schema = &ENTITY_SPACE_LEASE),
    /* 用工: job demands, hires, job fairs, school partnerships and their figures (src/jobs/) */
    R(GET, "/api/jobs/summary", h_jobs_summary, PERM_JOBS_STATS, 0,
      .summary = "用工统计（需求人数、已招用、满足率，按行业、渠道、月份）"),
    R(GET, "/api/jobs/demands", h_jobs_demand_list, PERM_JOBS_READ, ROUTE_LIST,
      .summary = "用工需求列表（企业用户：本企业的需求）", .schema = &ENTITY_JOBS_DEMAND,
      .query = &ENTITY_JOBS_DEMAND_QUERY),
    R(POST, "/api/jobs/demands", h_jobs_demand_create, PERM_JOBS_POST, 0,
      .summary = "发布用工需求（企业用户为本企业发布）", .schema = &ENTITY_JOBS_DEMAND),
    R(GET, "/api/jobs/demands/export", h_jobs_demand_export, PERM_JOBS_READ,
      ROUTE_HEAVY | ROUTE_FILE, .summary = "导出用工需求（xlsx 或 csv，条件同列表）"),
    R(GET, "/api/jobs/demands/:id", h_jobs_demand_get, PERM_JOBS_READ, 0,
      .summary = "用工需求详情", .schema = &ENTITY_JOBS_DEMAND),
    R(PATCH, "/api/jobs/demands/:id", h_jobs_demand_update, PERM_JOBS_POST, 0,
      .summary = "修改用工需求（招聘中或已过期的）", .schema = &ENTITY_JOBS_DEMAND),
    R(POST, "/api/jobs/demands/:id/close", h_jobs_demand_close, PERM_JOBS_POST, 0,
      .summary = "关闭用工需求", .schema = &ENTITY_JOBS_DEMAND),
    R(POST, "/api/jobs/demands/:id/reopen", h_jobs_demand_reopen, PERM_JOBS_POST, 0,
      .summary = "重新开放已关闭的用工需求", .schema = &ENTITY_JOBS_DEMAND),
    R(GET, "/api/jobs/hires", h_jobs_hire_list, PERM_JOBS_READ, ROUTE_LIST,
      .summary = "招用记录列表（企业用户：本企业的）", .schema = &ENTITY_JOBS_HIRE,
      .query = &ENTITY_JOBS_HIRE_QUERY),
    R(POST, "/api/jobs/hires", h_jobs_hire_create, PERM_JOBS_WRITE, 0,
      .summary = "登记招用（不超过需求剩余人数；招满则需求为已招满）",
      .schema = &ENTITY_JOBS_HIRE),
    R(GET, "/api/jobs/hires/export", h_jobs_hire_export, PERM_JOBS_READ,
      ROUTE_HEAVY | ROUTE_FILE, .summary = "导出招用记录（xlsx 或 csv，条件同列表）"),
    R(GET, "/api/jobs/hires/:id", h_jobs_hire_get, PERM_JOBS_READ, 0, .summary = "招用记录详情",
      .schema = &ENTITY_JOBS_HIRE),
    R(GET, "/api/jobs/fairs", h_jobs_fair_list, PERM_JOBS_READ, ROUTE_LIST,
      .summary = "招聘会列表（企业用户可见本园区全部招聘会及是否已报名）",
      .schema = &ENTITY_JOBS_FAIR, .query = &ENTITY_JOBS_FAIR_QUERY),
    R(POST, "/api/jobs/fairs", h_jobs_fair_create, PERM_JOBS_WRITE, 0, .summary = "新建招聘会",
      .schema = &ENTITY_JOBS_FAIR),
    R(GET, "/api/jobs/fairs/export", h_jobs_fair_export, PERM_JOBS_READ,
      ROUTE_HEAVY | ROUTE_FILE, .summary = "导出招聘会（xlsx 或 csv，条件同列表）"),
    R(GET, "/api/jobs/fairs/:id", h_jobs_fair_get, PERM_JOBS_READ, 0, .summary = "招聘会详情",
      .schema = &ENTITY_JOBS_FAIR),
    R(PATCH, "/api/jobs/fairs/:id", h_jobs_fair_update, PERM_JOBS_WRITE, 0,
      .summary = "修改招聘会", .schema = &ENTITY_JOBS_FAIR),
    R(GET, "/api/jobs/fairs/:id/enterprises", h_jobs_fair_ents, PERM_JOBS_READ, ROUTE_LIST,
      .summary = "参会企业及其招聘中需求（企业用户：仅本企业）",
      .schema = &ENTITY_JOBS_FAIR_ENT),
    R(POST, "/api/jobs/fairs/:id/join", h_jobs_fair_join, PERM_JOBS_POST, 0,
      .summary = "报名参加招聘会（工作人员代企业报名须给出 enterprise_id）",
      .schema = &ENTITY_JOBS_FAIR),
    R(POST, "/api/jobs/fairs/:id/leave", h_jobs_fair_leave, PERM_JOBS_POST, 0,
      .summary = "退出招聘会（已在会招用的不能退出）", .schema = &ENTITY_JOBS_FAIR),
    R(GET, "/api/jobs/partnerships", h_jobs_ps_list, PERM_JOBS_READ, ROUTE_LIST,
      .summary = "校企合作列表（企业用户：本企业的）", .schema = &ENTITY_JOBS_PARTNERSHIP,
      .query = &ENTITY_JOBS_PARTNERSHIP_QUERY),
    R(POST, "/api/jobs/partnerships", h_jobs_ps_create, PERM_JOBS_WRITE, 0,
      .summary = "登记校企合作（院校、专业、计划实习人数）", .schema = &ENTITY_JOBS_PARTNERSHIP),
    R(GET, "/api/jobs/partnerships/export", h_jobs_ps_export, PERM_JOBS_READ,
      ROUTE_HEAVY | ROUTE_FILE, .summary = "导出校企合作（xlsx 或 csv，条件同列表）"),
    R(GET, "/api/jobs/partnerships/:id", h_jobs_ps_get, PERM_JOBS_READ, 0,
      .summary = "校企合作详情", .schema = &ENTITY_JOBS_PARTNERSHIP),
    R(PATCH, "/api/jobs/partnerships/:id", h_jobs_ps_update, PERM_JOBS_WRITE, 0,
      .summary = "修改校企合作（到岗人数等）", .schema = &ENTITY_JOBS_PARTNERSHIP),
    /* 招商引资 and 项目建设: the project pipeline and dispatch (src/project/) */
    R(GET, "/api/projects/followups/overdue", h_proj_followups_overdue, PERM_PROJECT_READ, 0,
      .summary = "逾期未办的下一步（按招商专员）"),
    R(POST, "/api/projects/followups/:id/done", h_proj_followup_done, PERM_PROJECT_WRITE, 0,
      .summary = "跟进的下一步已完成"),
    R(GET, "/api/projects/problems", h_problem_list, PERM_PROJECT_READ, ROUTE_LIST,
      .summary = "问题清单（项目办：全部；部门：本部门承办的；招商局：本局项目的）",
      .schema = &ENTITY_PROBLEM, .query = &ENTITY_PROBLEM_QUERY),
    R(GET, "/api/projects/problems/export", h_problem_export, PERM_PROJECT_READ,
      ROUTE_HEAVY | ROUTE_FILE, .summary = "导出问题清单（xlsx 或 csv，条件同列表）",
      .query = &ENTITY_PROBLEM_QUERY),
    R(GET, "/api/projects/problems/:id", h_problem_get, PERM_PROJECT_READ, 0,
      .summary = "问题详情（时间线、附件）", .schema = &ENTITY_PROBLEM),
    R(POST, "/api/projects/problems/:id/answer", h_problem_answer, PERM_PROJECT_HANDLE, 0,
      .summary = "责任部门答复问题", .schema = &ENTITY_PROBLEM),
    R(POST, "/api/projects/problems/:id/close", h_problem_close, PERM_PROJECT_DISPATCH, 0,
      .summary = "问题销号", .schema = &ENTITY_PROBLEM),
    R(POST, "/api/projects/problems/:id/reopen", h_problem_reopen, PERM_PROJECT_DISPATCH, 0,
      .summary = "问题重新交办", .schema = &ENTITY_PROBLEM),
    R(POST, "/api/projects/problems/:id/escalate", h_problem_escalate, PERM_PROJECT_ESCALATE, 0,
      .summary = "问题挂牌督办", .schema = &ENTITY_PROBLEM),
    R(GET, "/api/projects/problems/:id/timeline", h_work_timeline, PERM_PROJECT_READ, 0,
      .summary = "问题时间线", .arg = &problem_kind),
    R(GET, "/api/projects/problems/:id/attachments", h_attachment_list, PERM_PROJECT_READ, 0,
      .summary = "问题附件列表", .arg = &problem_kind),
    R(POST, "/api/projects/problems/:id/attachments", h_attachment_upload, PERM_PROJECT_READ,
      ROUTE_UPLOAD, .summary = "上传问题附件（销号证明等）", .arg = &problem_kind),
    R(GET, "/api/projects/problems/:id/attachments/:aid", h_attachment_download, PERM_PROJECT_READ,
      ROUTE_FILE, .summary = "下载问题附件", .arg = &problem_kind),
    R(DELETE, "/api/projects/problems/:id/attachments/:aid", h_attachment_delete, PERM_PROJECT_READ,
      0, .summary = "删除问题附件（上传者本人）", .arg = &problem_kind),
    R(POST, "/api/projects/import", h_proj_import, PERM_PROJECT_WRITE, ROUTE_UPLOAD | ROUTE_HEAVY,
      .summary = "导入重点项目调度表（先校验全部行，同名项目只推进阶段）"),
    R(GET, "/api/projects/reviews", h_review_list, PERM_PROJECT_READ, ROUTE_LIST,
      .summary = "招商会审列表", .schema = &ENTITY_REVIEW),
    R(POST, "/api/projects/reviews", h_review_create, PERM_PROJECT_WRITE, 0,
      .summary = "召开会审（日期、名称）", .schema = &ENTITY_REVIEW),
    R(GET, "/api/projects/reviews/:id", h_review_get, PERM_PROJECT_READ, 0,
      .summary = "会审详情（议程与决定）", .schema = &ENTITY_REVIEW),
    R(POST, "/api/projects/reviews/:id/items", h_review_add, PERM_PROJECT_WRITE, 0,
      .summary = "项目上会（本局的项目）", .schema = &ENTITY_REVIEW),
    R(POST, "/api/projects/reviews/:id/decide", h_review_decide, PERM_PROJECT_WRITE, 0,
      .summary = "会审决定：推进、补充材料、暂缓、否决", .schema = &ENTITY_REVIEW),
    R(POST, "/api/projects/reviews/:id/close", h_review_close, PERM_PROJECT_WRITE, 0,
      .summary = "结束会审并形成纪要", .schema = &ENTITY_REVIEW),
    R(GET, "/api/projects/stats", h_proj_stats, PERM_PROJECT_STATS, 0,
      .summary = "年度招商与项目建设指标（签约、开工率、投产率、投资完成、到位资金）"),
    R(GET, "/api/projects/targets", h_proj_targets, PERM_PROJECT_STATS, 0,
      .summary = "年度目标与完成情况（对比目标和序时进度）"),
    R(PUT, "/api/projects/targets", h_proj_target_set, PERM_PROJECT_ADMIN, 0,
      .summary = "设定招商局（分局）或个人的年度目标"),
    R(GET, "/api/projects/leaderboard", h_proj_leaderboard, PERM_PROJECT_STATS, 0,
      .summary = "招商龙虎榜（按周，含名次变化）"),
    R(GET, "/api/projects/evaluation", h_proj_evaluation, PERM_PROJECT_STATS, 0,
      .summary = "每月评估：项目得分与扣分项、各局平均分"),
    R(GET, "/api/projects/bulletin", h_proj_bulletin, PERM_PROJECT_STATS, ROUTE_HEAVY | ROUTE_FILE,
      .summary = "项目建设每周通报（pdf 或 html）"),
    R(GET, "/api/projects/export", h_proj_export, PERM_PROJECT_READ, ROUTE_HEAVY | ROUTE_FILE,
      .summary = "导出项目列表（xlsx 或 csv，条件同列表）", .query = &ENTITY_PROJ_QUERY),
    R(GET, "/api/projects/settings", h_proj_settings, PERM_PROJECT_READ, 0,
      .summary = "项目调度规则（红黄绿、填报截止日、龙虎榜权重）"),
    R(PUT, "/api/projects/settings", h_proj_settings_set, PERM_PROJECT_ADMIN, 0,
      .summary = "设定项目调度规则"),
    R(GET, "/api/projects", h_proj_list, PERM_PROJECT_READ, ROUTE_LIST,
      .summary = "项目列表（招商局：本局项目；项目办：全园区；企业：本企业项目）",
      .schema = &ENTITY_PROJECT, .query = &ENTITY_PROJ_QUERY),
    R(POST, "/api/projects", h_proj_create, PERM_PROJECT_WRITE, 0,
      .summary = "登记项目（线索或在谈）", .schema = &ENTITY_PROJECT),
    R(GET, "/api/projects/:id", h_proj_get, PERM_PROJECT_READ, 0,
      .summary = "项目详情（附件、时间线）", .schema = &ENTITY_PROJECT),
    R(PATCH, "/api/projects/:id", h_proj_update, PERM_PROJECT_WRITE, 0, .summary = "编辑项目",
      .schema = &ENTITY_PROJECT),
    R(POST, "/api/projects/:id/move", h_proj_move, PERM_PROJECT_WRITE, 0,
      .summary = "推进项目阶段（附证明材料）", .schema = &ENTITY_PROJECT),
    R(GET, "/api/projects/:id/timeline", h_work_timeline, PERM_PROJECT_READ, 0,
      .summary = "项目时间线", .arg = &project_kind),
    R(GET, "/api/projects/:id/attachments", h_attachment_list, PERM_PROJECT_READ, 0,
      .summary = "项目附件列表", .arg = &project_kind),
    R(POST, "/api/projects/:id/attachments", h_attachment_upload, PERM_PROJECT_READ, ROUTE_UPLOAD,
      .summary = "上传项目附件（合同扫描件、现场照片等）", .arg = &project_kind),
    R(GET, "/api/projects/:id/attachments/:aid", h_attachment_download, PERM_PROJECT_READ,
      ROUTE_FILE, .summary = "下载项目附件", .arg = &project_kind),
    R(DELETE, "/api/projects/:id/attachments/:aid", h_attachment_delete, PERM_PROJECT_READ, 0,
      .summary = "删除项目附件（上传者本人）", .arg = &project_kind),
    R(GET, "/api/projects/:id/followups", h_proj_followups, PERM_PROJECT_READ, 0,
      .summary = "项目跟进记录", .schema = &ENTITY_FOLLOWUP),
    R(POST, "/api/projects/:id/followups", h_proj_followup_add, PERM_PROJECT_WRITE, 0,
      .summary = "记录跟进（拜访、洽谈、考察、云拜访/云洽谈/云签约）", .schema = &ENTITY_FOLLOWUP),
    R(GET, "/api/projects/:id/invest", h_proj_invest, PERM_PROJECT_READ, 0,
      .summary = "项目年度投资计划与完成情况（按月）"),
    R(PUT, "/api/projects/:id/invest", h_proj_invest_plan, PERM_PROJECT_DISPATCH, 0,
      .summary = "设定项目年度投资计划（按月）"),
    R(PUT, "/api/projects/:id/invest/:month", h_proj_invest_report, PERM_PROJECT_READ, 0,
      .summary = "填报月度完成投资和到位资金（项目企业或项目办）"),
    R(GET, "/api/projects/:id/permits", h_permit_list, PERM_PROJECT_READ, 0,
      .summary = "项目审批事项（申报、批复、审批秘书、用时）"),
    R(PUT, "/api/projects/:id/permits", h_permit_set, PERM_PROJECT_DISPATCH, 0,
      .summary = "登记项目审批事项"),
    R(GET, "/api/projects/:id/checks", h_check_list, PERM_PROJECT_READ, 0,
      .summary = "项目现场检查记录", .schema = &ENTITY_CHECK),
    R(POST, "/api/projects/:id/checks", h_check_add, PERM_PROJECT_DISPATCH, 0,
      .summary = "记录现场检查（每日检查）", .schema = &ENTITY_CHECK),
    R(POST, "/api/projects/:id/problems", h_problem_add, PERM_PROJECT_DISPATCH, 0,
      .summary = "交办项目问题", .schema = &ENTITY_PROBLEM),

    /* API tokens for integrations */
    R(GET, "/api/tokens", h_tokens_list, PERM_TOKEN_WRITE, 0),
    R(POST, "/api/tokens", h_tokens_create, PERM_TOKEN_WRITE, 0),
    R(DELETE, "/api/tokens/:id", h_tokens_revoke, PERM_TOKEN_WRITE, 0),

    /* audit */
    R(GET, "/api/audit", h_audit_list, PERM_AUDIT_READ, 0),
    R(GET, "/api/logins", h_logins_list, PERM_AUDIT_READ, 0),

    /* Open311 GeoReport v2 for the 12345 hotline and city systems (src/ticket/open311.h):
     * PERM_NONE because each handler resolves the api_key itself (ticket.create to POST,
     * ticket.read to GET requests) and answers every error in the Open311 format */
    R(GET, "/open311/discovery.xml", h_o311_discovery, PERM_NONE, 0,
      .summary = "Open311 服务发现（XML）"),
    R(GET, "/open311/discovery.json", h_o311_discovery, PERM_NONE, 0,
      .summary = "Open311 服务发现（JSON）"),
    R(GET, "/open311/v2/services.xml", h_o311_services, PERM_NONE, 0,
      .summary = "Open311 服务类别列表（XML）"),
    R(GET, "/open311/v2/services.json", h_o311_services, PERM_NONE, 0,
      .summary = "Open311 服务类别列表（JSON）"),
    R(GET, "/open311/v2/services/:code", h_o311_service_definition, PERM_NONE, 0,
      .summary = "Open311 服务类别定义"),
    R(POST, "/open311/v2/requests.xml", h_o311_requests_create, PERM_NONE, 0,
      .summary = "Open311 提交诉求（XML）"),
    R(POST, "/open311/v2/requests.json", h_o311_requests_create, PERM_NONE, 0,
      .summary = "Open311 提交诉求（JSON）"),
    R(GET, "/open311/v2/requests.xml", h_o311_requests_list, PERM_NONE, 0,
      .summary = "Open311 诉求列表（XML）"),
    R(GET, "/open311/v2/requests.json", h_o311_requests_list, PERM_NONE, 0,
      .summary = "Open311 诉求列表（JSON）"),
    R(GET, "/open311/v2/requests/:id", h_o311_request_get, PERM_NONE, 0,
      .summary = "Open311 诉求详情"),
    R(GET, "/open311/v2/tokens/:id", h_o311_token_get, PERM_NONE, 0,
      .summary = "Open311 由受理凭证查诉求编号"),
    /* FixMyStreet's updates extension: what happened to a request, replies from the client */
    R(GET, "/open311/v2/servicerequestupdates.xml", h_o311_updates_list, PERM_NONE, 0,
      .summary = "Open311 诉求办理进展（XML）"),
    R(GET, "/open311/v2/servicerequestupdates.json", h_o311_updates_list, PERM_NONE, 0,
      .summary = "Open311 诉求办理进展（JSON）"),
    R(POST, "/open311/v2/servicerequestupdates.xml", h_o311_update_create, PERM_NONE, 0,
      .summary = "Open311 回复诉求（XML）"),
    R(POST, "/open311/v2/servicerequestupdates.json", h_o311_update_create, PERM_NONE, 0,
      .summary = "Open311 回复诉求（JSON）"),
};

const int n_routes = (int)(sizeof routes / sizeof routes[0]);

const struct route_error_format route_error_formats[] = {
    /* Open311 clients parse the spec's error list, in XML unless the path asks for JSON */
    {"/open311/", o311_http_error},
};

const int n_route_error_formats = (int)(sizeof route_error_formats / sizeof route_error_formats[0]);

/* Every period of the maintenance thread (after the pool's own housekeeping): sessions and
 * dormant accounts, requests resolved and never rated, overdue notices, the reminders of monthly
 * reports, webhook retries, the audit log's retention. */
static void maintain(struct db_pool *pool, int64_t now)
{
	auth_expire(pool);
	auth_disable_dormant(pool, now);
	ticket_autoclose(pool, now, 7);
	notify_overdue(pool, now);
	econ_remind_due(pool, now);
	webhook_deliver_due(pool, now, 20);
	audit_maintain(pool);
}

const struct app_hooks app_hooks = {
    .api_token = auth_api_token,
    .session = auth_session,
    .maintain = maintain,
};
