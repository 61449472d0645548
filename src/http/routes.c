/* The route table: the whole API surface and who may call what. Default deny: anything not
 * listed here is 404; every route names the permission it needs (PERM_NONE: public). A
 * read-only role (province) calls no route that writes, other than those flagged ROUTE_SELF
 * (its own session and account): see route_role_allowed. */
#include "http/routes.h"
#include "audit/audit_api.h"
#include "auth/auth_api.h"
#include "enterprise/enterprise.h"
#include "enterprise/enterprise_api.h"
#include "http/sys_api.h"
#include "org/org_api.h"
#include "ticket/open311.h"
#include "ticket/ticket_api.h"
#include "ticket/ticket_store.h"
#include "work/attachment_api.h"
#include "work/calendar_api.h"
#include "work/notify_api.h"
#include "work/work.h"

/* R(method, pattern, handler, permission, flags[, .summary = "…", .schema = &ENTITY_X]) */
#define R(m, pat, handler, p, fl, ...)                                                             \
	{                                                                                          \
		.method = HTTP_##m, .pattern = pat, .fn = handler, .perm = p, .flags = fl,         \
		.name = pat, __VA_ARGS__                                                           \
	}

/* The kinds of work items (work/work.h): each module that tracks work with the shared services
 * declares its kind beside its store; its shared routes carry it as .arg. */
const struct work_kind *const work_kinds[] = {&ticket_kind, NULL};

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
      .summary = "企业列表", .schema = &ENTITY_ENTERPRISE),
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

    /* enterprise requests (企业诉求) */
    R(GET, "/api/tickets", h_ticket_list, PERM_TICKET_READ, ROUTE_SEARCH),
    R(POST, "/api/tickets", h_ticket_create, PERM_TICKET_CREATE, 0),
    R(GET, "/api/tickets/stats", h_ticket_stats, PERM_TICKET_STATS, ROUTE_HEAVY),
    R(GET, "/api/tickets/export", h_ticket_export, PERM_TICKET_READ, ROUTE_HEAVY),
    R(GET, "/api/tickets/briefing", h_ticket_briefing, PERM_TICKET_STATS, ROUTE_HEAVY),
    R(GET, "/api/tickets/:id", h_ticket_get, PERM_TICKET_READ, 0),
    R(POST, "/api/tickets/:id/accept", h_ticket_accept, PERM_TICKET_TRIAGE, 0),
    R(POST, "/api/tickets/:id/reject", h_ticket_reject, PERM_TICKET_TRIAGE, 0),
    R(POST, "/api/tickets/:id/merge", h_ticket_merge, PERM_TICKET_TRIAGE, 0),
    R(POST, "/api/tickets/:id/start", h_ticket_start, PERM_TICKET_HANDLE, 0),
    R(POST, "/api/tickets/:id/wait", h_ticket_wait, PERM_TICKET_HANDLE, 0),
    R(POST, "/api/tickets/:id/supply", h_ticket_supply, PERM_TICKET_RATE, 0),
    R(POST, "/api/tickets/:id/return", h_ticket_return, PERM_TICKET_HANDLE, 0),
    R(POST, "/api/tickets/:id/resolve", h_ticket_resolve, PERM_TICKET_HANDLE, 0),
    R(POST, "/api/tickets/:id/rate", h_ticket_rate, PERM_TICKET_RATE, 0),
    R(POST, "/api/tickets/:id/comments", h_ticket_comment, PERM_TICKET_READ, 0),
    R(POST, "/api/tickets/:id/extension", h_ticket_extension, PERM_TICKET_HANDLE, 0),
    R(POST, "/api/tickets/:id/extension/decision", h_ticket_extension_decide, PERM_TICKET_TRIAGE,
      0),
    R(POST, "/api/tickets/:id/escalate", h_ticket_escalate, PERM_TICKET_ESCALATE, 0),
    R(GET, "/api/tickets/:id/attachments", h_attachment_list, PERM_TICKET_READ, 0,
      .arg = &ticket_kind),
    R(POST, "/api/tickets/:id/attachments", h_attachment_upload, PERM_TICKET_READ, ROUTE_UPLOAD,
      .arg = &ticket_kind),
    R(GET, "/api/tickets/:id/attachments/:aid", h_attachment_download, PERM_TICKET_READ, 0,
      .arg = &ticket_kind),
    R(DELETE, "/api/tickets/:id/attachments/:aid", h_attachment_delete, PERM_TICKET_READ, 0,
      .arg = &ticket_kind),
    R(GET, "/api/ticket-rules", h_ticket_rules, PERM_TICKET_READ, 0),
    R(PUT, "/api/ticket-rules", h_ticket_rule_set, PERM_TICKET_ADMIN, 0),
    R(GET, "/api/notifications", h_notifications_list, PERM_TICKET_READ, 0),
    R(POST, "/api/notifications/:id/read", h_notification_read, PERM_TICKET_READ, 0),
    R(POST, "/api/notifications/read-all", h_notifications_read_all, PERM_TICKET_READ, 0),
    R(GET, "/api/webhooks", h_webhooks_list, PERM_TICKET_ADMIN, 0),
    R(POST, "/api/webhooks", h_webhooks_create, PERM_TICKET_ADMIN, 0),
    R(GET, "/api/webhooks/deliveries", h_webhook_deliveries, PERM_TICKET_ADMIN, 0),
    R(DELETE, "/api/webhooks/:id", h_webhooks_delete, PERM_TICKET_ADMIN, 0),
    R(GET, "/api/holidays", h_holidays, PERM_TICKET_READ, 0),
    R(POST, "/api/holidays", h_holiday_set, PERM_TICKET_ADMIN, 0),

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
    R(GET, "/open311/discovery.xml", h_o311_discovery, PERM_NONE, 0),
    R(GET, "/open311/discovery.json", h_o311_discovery, PERM_NONE, 0),
    R(GET, "/open311/v2/services.xml", h_o311_services, PERM_NONE, 0),
    R(GET, "/open311/v2/services.json", h_o311_services, PERM_NONE, 0),
    R(GET, "/open311/v2/services/:code", h_o311_service_definition, PERM_NONE, 0),
    R(POST, "/open311/v2/requests.xml", h_o311_requests_create, PERM_NONE, 0),
    R(POST, "/open311/v2/requests.json", h_o311_requests_create, PERM_NONE, 0),
    R(GET, "/open311/v2/requests.xml", h_o311_requests_list, PERM_NONE, 0),
    R(GET, "/open311/v2/requests.json", h_o311_requests_list, PERM_NONE, 0),
    R(GET, "/open311/v2/requests/:id", h_o311_request_get, PERM_NONE, 0),
    R(GET, "/open311/v2/tokens/:id", h_o311_token_get, PERM_NONE, 0),
    /* FixMyStreet's updates extension: what happened to a request, replies from the client */
    R(GET, "/open311/v2/servicerequestupdates.xml", h_o311_updates_list, PERM_NONE, 0),
    R(GET, "/open311/v2/servicerequestupdates.json", h_o311_updates_list, PERM_NONE, 0),
    R(POST, "/open311/v2/servicerequestupdates.xml", h_o311_update_create, PERM_NONE, 0),
    R(POST, "/open311/v2/servicerequestupdates.json", h_o311_update_create, PERM_NONE, 0),
};

const int n_routes = (int)(sizeof routes / sizeof routes[0]);

const struct route_error_format route_error_formats[] = {
    /* Open311 clients parse the spec's error list, in XML unless the path asks for JSON */
    {"/open311/", o311_http_error},
};

const int n_route_error_formats = (int)(sizeof route_error_formats / sizeof route_error_formats[0]);
