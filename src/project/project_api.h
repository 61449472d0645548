/* HTTP handlers of projects (/api/projects): decode, call, encode. A project's attachments and
 * timeline are the shared ones (work/attachment_api.h, work/timeline_api.h) with project_kind
 * as the routes' arg; a problem's with problem_kind. */
#ifndef YQ_PROJECT_PROJECT_API_H
#define YQ_PROJECT_PROJECT_API_H
#include "http/http.h"

/* GET /api/projects[?q&stage&colour&dept_id&owner_user_id&level&source&special_team&year&sort
 * &page&page_size]: a page of the caller's projects, newest first. */
route_handler h_proj_list;
/* POST /api/projects → 201 with the project (a lead, or in negotiation). */
route_handler h_proj_create;
/* GET /api/projects/:id: the project with its attachments and timeline. */
route_handler h_proj_get;
/* PATCH /api/projects/:id: the members a body gives. */
route_handler h_proj_update;
/* POST /api/projects/:id/move: a stage move with its evidence → 200 with the project. */
route_handler h_proj_move;

/* Follow-ups, investment, problems (project_work_api.c). */
route_handler h_proj_followups;
route_handler h_proj_followup_add;
route_handler h_proj_followup_done;
route_handler h_proj_followups_overdue;
route_handler h_proj_invest;
route_handler h_proj_invest_plan;
route_handler h_proj_invest_report;
route_handler h_problem_list;
route_handler h_problem_add;
route_handler h_problem_get;
route_handler h_problem_answer;
route_handler h_problem_close;
route_handler h_problem_reopen;
route_handler h_problem_escalate;

/* 会审, permits, site checks (project_review_api.c). */
route_handler h_review_list;
route_handler h_review_get;
route_handler h_review_create;
route_handler h_review_add;
route_handler h_review_decide;
route_handler h_review_close;
route_handler h_permit_list;
route_handler h_permit_set;
route_handler h_check_list;
route_handler h_check_add;

/* Targets, figures, 龙虎榜, settings (project_stats_api.c). */
route_handler h_proj_targets;
route_handler h_proj_target_set;
route_handler h_proj_stats;
route_handler h_proj_leaderboard;
route_handler h_proj_evaluation;
route_handler h_proj_settings;
route_handler h_proj_settings_set;

#endif
