-- 0017: 招商引资 and 项目建设 (src/project/). One project moves from a lead to capacity
-- (线索 → 在谈 → 签约 → 注册 → 供地 → 开工 → 竣工 → 投产 → 达产, or 终止); each stage has a
-- planned and an actual date on the row, so that the year's figures (签约, 开工率, 投产率) are
-- read by index. Around it: follow-ups, the weekly 会审 and its decisions, yearly targets of
-- the bureaus and their people, the monthly investment plan and what was completed, site checks,
-- permits, and the problem list (问题清单), whose items are work items of the shared services
-- (kind 'project_problem': timeline, attachments, deadline in working days, 督办). A project's
-- own timeline and attachments are kind 'project'.
CREATE TABLE project (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	no TEXT NOT NULL DEFAULT '',
	name TEXT NOT NULL DEFAULT '',
	investor TEXT NOT NULL DEFAULT '',
	investor_origin TEXT NOT NULL DEFAULT 'domestic',
	investor_region TEXT NOT NULL DEFAULT '',
	investor_type TEXT NOT NULL DEFAULT '',
	industry_code TEXT NOT NULL DEFAULT '',
	currency TEXT NOT NULL DEFAULT 'CNY',
	total_investment DOUBLE PRECISION,
	fx_rate DOUBLE PRECISION,
	amount_wan DOUBLE PRECISION NOT NULL DEFAULT 0,
	fixed_investment DOUBLE PRECISION,
	registered_capital DOUBLE PRECISION,
	land_mu DOUBLE PRECISION,
	expected_output DOUBLE PRECISION,
	expected_tax DOUBLE PRECISION,
	expected_jobs BIGINT NOT NULL DEFAULT 0,
	dept_id BIGINT REFERENCES dept(id),
	owner_user_id BIGINT REFERENCES app_user(id),
	source TEXT NOT NULL DEFAULT '',
	level TEXT NOT NULL DEFAULT '',
	special_team INTEGER NOT NULL DEFAULT 0,
	renovation INTEGER NOT NULL DEFAULT 0,
	stage TEXT NOT NULL DEFAULT 'lead',
	enterprise_id BIGINT REFERENCES enterprise(id),
	uscc TEXT NOT NULL DEFAULT '',
	contract_no TEXT NOT NULL DEFAULT '',
	start_permit_no TEXT NOT NULL DEFAULT '',
	first_output_month TEXT NOT NULL DEFAULT '',
	drop_reason TEXT NOT NULL DEFAULT '',
	dropped_from TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	lead_date TEXT,
	plan_sign_date TEXT,
	sign_date TEXT,
	plan_register_date TEXT,
	register_date TEXT,
	plan_land_date TEXT,
	land_date TEXT,
	plan_start_date TEXT,
	start_date TEXT,
	plan_complete_date TEXT,
	complete_date TEXT,
	plan_produce_date TEXT,
	produce_date TEXT,
	plan_capacity_date TEXT,
	capacity_date TEXT,
	drop_date TEXT,
	-- the earliest planned date of a stage not reached yet (NULL: none): how late it is
	next_due TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX project_zone ON project(zone_id, stage, id);
CREATE INDEX project_zone_dept ON project(zone_id, dept_id, id);
CREATE INDEX project_zone_sign ON project(zone_id, sign_date);
CREATE INDEX project_zone_start ON project(zone_id, plan_start_date);
CREATE INDEX project_enterprise ON project(enterprise_id);
CREATE UNIQUE INDEX project_no ON project(zone_id, no);

-- follow-ups: visits, negotiations, site inspections, online (云拜访/云洽谈/云签约)
CREATE TABLE project_followup (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	project_id BIGINT NOT NULL REFERENCES project(id),
	kind TEXT NOT NULL DEFAULT 'visit',
	on_date TEXT NOT NULL,
	people TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	next_step TEXT NOT NULL DEFAULT '',
	next_date TEXT,
	next_done INTEGER NOT NULL DEFAULT 0,
	user_id BIGINT REFERENCES app_user(id),
	user_name TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL
);
CREATE INDEX project_followup_project ON project_followup(project_id, on_date);
CREATE INDEX project_followup_next ON project_followup(zone_id, next_done, next_date);

-- yearly targets of a bureau (user_id NULL) or of one of its people
CREATE TABLE project_target (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	year BIGINT NOT NULL,
	dept_id BIGINT NOT NULL REFERENCES dept(id),
	user_id BIGINT REFERENCES app_user(id),
	signed_count BIGINT NOT NULL DEFAULT 0,
	signed_amount DOUBLE PRECISION NOT NULL DEFAULT 0,
	count_100m BIGINT NOT NULL DEFAULT 0,
	count_500m BIGINT NOT NULL DEFAULT 0,
	count_1000m BIGINT NOT NULL DEFAULT 0,
	count_usd100m BIGINT NOT NULL DEFAULT 0,
	funds DOUBLE PRECISION NOT NULL DEFAULT 0,
	started_count BIGINT NOT NULL DEFAULT 0,
	producing_count BIGINT NOT NULL DEFAULT 0,
	updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX project_target_key ON project_target(zone_id, year, dept_id, COALESCE(user_id, 0));

-- the monthly investment plan and what was completed (万元), and 到位资金 arrived in the month
CREATE TABLE project_invest (
	project_id BIGINT NOT NULL REFERENCES project(id),
	month TEXT NOT NULL,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	planned DOUBLE PRECISION NOT NULL DEFAULT 0,
	actual DOUBLE PRECISION,
	funds DOUBLE PRECISION NOT NULL DEFAULT 0,
	reported_at BIGINT,
	reported_by BIGINT REFERENCES app_user(id),
	PRIMARY KEY (project_id, month)
);
CREATE INDEX project_invest_zone ON project_invest(zone_id, month);

-- 每日检查: a site check
CREATE TABLE project_check (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	project_id BIGINT NOT NULL REFERENCES project(id),
	on_date TEXT NOT NULL,
	checker TEXT NOT NULL DEFAULT '',
	progress INTEGER NOT NULL DEFAULT 0,
	notes TEXT NOT NULL DEFAULT '',
	problems TEXT NOT NULL DEFAULT '',
	user_id BIGINT REFERENCES app_user(id),
	created_at BIGINT NOT NULL
);
CREATE INDEX project_check_project ON project_check(project_id, on_date);
-- the photos of a site check: attachments of its project
CREATE TABLE project_check_photo (
	check_id BIGINT NOT NULL REFERENCES project_check(id),
	attachment_id BIGINT NOT NULL REFERENCES work_attachment(id),
	PRIMARY KEY (check_id, attachment_id)
);

-- permits (审批): one row per permit type of a project
CREATE TABLE project_permit (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	project_id BIGINT NOT NULL REFERENCES project(id),
	permit TEXT NOT NULL,
	applied_date TEXT,
	approved_date TEXT,
	secretary_user_id BIGINT REFERENCES app_user(id),
	permit_no TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX project_permit_key ON project_permit(project_id, permit);

-- 问题清单: a project's problem, a work item (kind 'project_problem') with a deadline in working
-- days; status open → answered → closed (销号), reopened back to open
CREATE TABLE project_problem (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	project_id BIGINT NOT NULL REFERENCES project(id),
	no TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	detail TEXT NOT NULL DEFAULT '',
	category TEXT NOT NULL DEFAULT 'other',
	dept_id BIGINT REFERENCES dept(id),
	days BIGINT NOT NULL DEFAULT 10,
	status TEXT NOT NULL DEFAULT 'open',
	reply TEXT NOT NULL DEFAULT '',
	close_note TEXT NOT NULL DEFAULT '',
	started_at BIGINT,
	due_at BIGINT,
	answered_at BIGINT,
	closed_at BIGINT,
	ticket_id BIGINT REFERENCES ticket(id),
	author_id BIGINT REFERENCES app_user(id),
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX project_problem_zone ON project_problem(zone_id, status, due_at);
CREATE INDEX project_problem_project ON project_problem(project_id, id);
CREATE INDEX project_problem_dept ON project_problem(zone_id, dept_id, status);

-- 会审: a weekly review meeting, its agenda (one item per project) and each decision
CREATE TABLE project_review (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	on_date TEXT NOT NULL,
	title TEXT NOT NULL DEFAULT '',
	minutes TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'open',
	created_at BIGINT NOT NULL,
	closed_at BIGINT
);
CREATE INDEX project_review_zone ON project_review(zone_id, on_date);
CREATE TABLE project_review_item (
	review_id BIGINT NOT NULL REFERENCES project_review(id),
	project_id BIGINT NOT NULL REFERENCES project(id),
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	dept_id BIGINT REFERENCES dept(id),
	decision TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	seq BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (review_id, project_id)
);

-- the numbers of projects (XM2026-0001) and problems (WT2026-0001): a counter per zone, kind
-- and year; the upsert serialises concurrent numbering on both engines
CREATE TABLE project_seq (
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	kind TEXT NOT NULL,
	year BIGINT NOT NULL,
	n BIGINT NOT NULL,
	PRIMARY KEY (zone_id, kind, year)
);

-- a zone's rules of the module: the status colours, the reporting day, the leaderboard weights
CREATE TABLE project_setting (
	zone_id BIGINT PRIMARY KEY REFERENCES zone(id),
	amber_days BIGINT NOT NULL DEFAULT 15,
	amber_ratio DOUBLE PRECISION NOT NULL DEFAULT 0.9,
	red_ratio DOUBLE PRECISION NOT NULL DEFAULT 0.7,
	report_day BIGINT NOT NULL DEFAULT 10,
	weights TEXT NOT NULL DEFAULT '',
	permits TEXT NOT NULL DEFAULT '',
	updated_at BIGINT NOT NULL DEFAULT 0
);
