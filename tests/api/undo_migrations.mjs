// Taking a test database back past a migration, directly through sqlite3 / psql, so that a test
// can run `yuanqu migrate` on data as the program before it stored them.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ENGINE } from './lib.mjs';

/** Runs SQL directly on the test database; returns the rows of a SELECT as objects. */
export function sql(db, text) {
  if (ENGINE === 'postgres') {
    const name = db.match(/^postgres(?:ql)?:\/\/[^/]*\/([^?]+)/)[1];
    const psql = (q) => execFileSync(join(process.env.YQ_PG_BIN, 'psql'), ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1',
      '-h', process.env.YQ_PG_HOST, '-p', process.env.YQ_PG_PORT, '-U', 'yuanqu', '-d', name, '-c', q], { stdio: ['pipe', 'pipe', 'pipe'] }).toString().trim();
    if (/^\s*SELECT/i.test(text)) return JSON.parse(psql(`SELECT coalesce(json_agg(t), '[]') FROM (${text}) t`));
    psql(text);
    return [];
  }
  const out = execFileSync('sqlite3', ['-json', db.replace(/^sqlite:/, ''), text], { stdio: ['pipe', 'pipe', 'pipe'] }).toString().trim();
  return out ? JSON.parse(out) : [];
}

/** The migrations after 0024, in order (version 25 first), each taken back by its function
 * (called with its version): a module's migration adds its undo here, at the end. */
const LATER = [undoRegion, undoPolicy, undoFinance, undoFreight, undoSpaceDemand, undoJobs, undoCarrierUser, undoBulletin, undoListOrder];

/** The schema version of the program: what `yuanqu migrate` ends at. */
export const LATEST = 24 + LATER.length;

/** Takes the database back to version `to` (≥ 24), the newest migration first. */
function undoLater(db, to) {
  const v = sql(db, 'SELECT MAX(version) AS v FROM schema_version')[0].v;
  for (let x = v; x > to; x--) LATER[x - 25](db, x);
}

/** What `yuanqu migrate` prints after taking a database from version `from` to LATEST. */
export function migratedFrom(from) {
  const n = LATEST - from;
  return new RegExp(`schema version ${LATEST} \\(${n} migrations? applied\\)`);
}

/** No index of the unit, lease and monthly report lists' order (0033). */
function undoListOrder(db, v) {
  sql(db, `DROP INDEX space_unit_order; DROP INDEX space_lease_recent; DROP INDEX econ_report_recent; DELETE FROM schema_version WHERE version = ${v};`);
}

/** No scheduled bulletins and no schedules (定时简报). */
function undoBulletin(db, v) {
  sql(db, `DROP TABLE bulletin_schedule; DROP TABLE bulletin; DELETE FROM schema_version WHERE version = ${v};`);
}

/** No carrier of a user (承运方 of 工业物流). */
function undoCarrierUser(db, v) {
  sql(db, `ALTER TABLE app_user DROP COLUMN carrier_id; DELETE FROM schema_version WHERE version = ${v};`);
}

/** No job demands, hires, fairs or school partnerships (用工). */
function undoJobs(db, v) {
  sql(db, `DROP TABLE job_hire; DROP TABLE job_fair_enterprise; DROP TABLE job_partnership;
    DROP TABLE job_fair; DROP TABLE job_demand; DELETE FROM schema_version WHERE version = ${v};`);
}

/** No space demands and no site plan (载体需求; the outlines stay in space_building.plan). */
function undoSpaceDemand(db, v) {
  sql(db, `DROP TABLE space_plan; DROP TABLE space_demand;
    DELETE FROM schema_version WHERE version = ${v};`);
}

/** No carriers, trucks, offers, part-loads or vehicle registrations (工业物流). */
function undoFreight(db, v) {
  sql(db, `DROP TABLE freight_reg; DROP TABLE freight_load; DROP TABLE freight_offer; DROP TABLE freight_truck;
    DROP TABLE freight_carrier; DELETE FROM schema_version WHERE version = ${v};`);
}

/** No banks, products, loan demands, answers or tranches, no bank of a user (银企对接). */
function undoFinance(db, v) {
  sql(db, `DROP TABLE fin_tranche; DROP TABLE fin_offer; DROP TABLE fin_demand; DROP TABLE fin_product;
    ALTER TABLE app_user DROP COLUMN bank_id; DROP TABLE fin_bank;
    DELETE FROM schema_version WHERE version = ${v};`);
}

/** No regions, zones and users in none, no ranking schemes (the region migration). */
function undoRegion(db, v) {
  sql(db, `DROP INDEX zone_region; ALTER TABLE zone DROP COLUMN region_code; ALTER TABLE zone DROP COLUMN level;
    ALTER TABLE app_user DROP COLUMN region_code; ALTER TABLE app_user DROP COLUMN contact_access;
    DROP TABLE region; DROP TABLE rank_scheme; DELETE FROM schema_version WHERE version = ${v};`);
}

/** Takes the database from version 24 back to 23 (from the latest first): no buildings, units or
 * leases (0024). */
export function undo0024(db) {
  undoLater(db, 24);
  sql(db, `DROP TABLE space_lease; DROP TABLE space_unit; DROP TABLE space_building;
    DELETE FROM schema_version WHERE version = 24;`);
}

/** Takes the database from version 23 back to 22: each cell's base_ytd (上年同期累计) as 0021
 * computed it, the base year's 1–N月 whatever months it holds (0023). The zones' kept sums are
 * left as they are: 0023 drops them all. */
export function undo0023(db) {
  if (sql(db, 'SELECT MAX(version) AS v FROM schema_version')[0].v >= 24) undo0024(db);
  sql(db, `UPDATE econ_cell SET base_ytd = (SELECT SUM(w.value) FROM econ_value w JOIN econ_report q ON q.id = w.report_id
      WHERE w.enterprise_id = econ_cell.enterprise_id AND w.indicator_id = econ_cell.indicator_id AND q.status <> 'returned'
      AND w.period >= CAST(CAST(SUBSTR(econ_cell.period, 1, 4) AS INTEGER) - 1 AS TEXT) || '-01'
      AND w.period <= CAST(CAST(SUBSTR(econ_cell.period, 1, 4) AS INTEGER) - 1 AS TEXT) || SUBSTR(econ_cell.period, 5))
    WHERE base_ytd IS NULL;
    DELETE FROM schema_version WHERE version = 23;`);
}

/** Takes the database from version 22 back to 21 (from 23 first): no kept sums of the zones'
 * months (0022). */
export function undo0022(db) {
  if (sql(db, 'SELECT MAX(version) AS v FROM schema_version')[0].v >= 23) undo0023(db);
  sql(db, `DROP TABLE econ_zone_sum; DROP TABLE econ_zone_state; DELETE FROM schema_version WHERE version = 22;`);
}

/** Takes the database from version 21 back to 20 (from 22 first): no kept cells of the
 * economy's figures, the values' covering index back (0021). */
export function undo0021(db) {
  if (sql(db, 'SELECT MAX(version) AS v FROM schema_version')[0].v >= 22) undo0022(db);
  sql(db, `DROP TABLE econ_cell; CREATE INDEX econ_value_cells ON econ_value(zone_id, enterprise_id, indicator_id, period, value, report_id);
    DELETE FROM schema_version WHERE version = 21;`);
}

/** Takes the database from version 20 back to 19 (from 21 first): no 包保 monthly targets and
 * 调度 (0020). */
export function undo0020(db) {
  if (sql(db, 'SELECT MAX(version) AS v FROM schema_version')[0].v >= 21) undo0021(db);
  sql(db, `DROP TABLE baobao_dispatch; DROP TABLE baobao_target; DELETE FROM schema_version WHERE version = 20;`);
}

/** Takes the database from version 19 back to 18 (from 20 first): the economy's values without
 * their covering index (0019). */
export function undo0019(db) {
  if (sql(db, 'SELECT MAX(version) AS v FROM schema_version')[0].v >= 20) undo0020(db);
  sql(db, `DROP INDEX econ_value_cells; DELETE FROM schema_version WHERE version = 19;`);
}

/** Takes the database from version 18 back to 17 (from 19 first): no economic figures (0018). */
export function undo0018(db) {
  if (sql(db, 'SELECT MAX(version) AS v FROM schema_version')[0].v >= 19) undo0019(db);
  sql(db, `DROP TABLE econ_target; DROP TABLE econ_value; DROP TABLE econ_report; DROP TABLE econ_period;
    DROP TABLE econ_indicator; DROP TABLE econ_indicator_default;
    DELETE FROM schema_version WHERE version = 18;`);
}

/** Takes the database from version 17 back to 16: no projects (0017). */
export function undo0017(db) {
  if (sql(db, 'SELECT MAX(version) AS v FROM schema_version')[0].v >= 18) undo0018(db);
  sql(db, `DROP TABLE project_review_item; DROP TABLE project_review; DROP TABLE project_problem;
    DROP TABLE project_permit; DROP TABLE project_check_photo; DROP TABLE project_check; DROP TABLE project_invest; DROP TABLE project_target;
    DROP TABLE project_followup; DROP TABLE project_seq; DROP TABLE project_setting; DROP TABLE project;
    DELETE FROM schema_version WHERE version = 17;`);
}

/** Takes the database from version 16 back to 15 (from 17 first): no summaries of the request
 * figures, and the index of open requests by deadline as 0003 made it. */
export function undo0016(db) {
  if (sql(db, 'SELECT MAX(version) AS v FROM schema_version')[0].v >= 17) undo0017(db);
  sql(db, `DROP TABLE ticket_stat_zone; DROP TABLE ticket_stat_hist; DROP TABLE ticket_stat;
    DROP INDEX ticket_zone_status; CREATE INDEX ticket_zone_status ON ticket(zone_id, status, due_resolve);
    DELETE FROM schema_version WHERE version = 16;`);
}

/** Takes the database from version 15 back to 14 (from 16 first): the search index as 0004 kept it. On
 * PostgreSQL the tokens lose their zone ("17:贷款" → "贷款") and get the zone token "#z17" back;
 * on SQLite only the version goes (sqlite3 cannot open an FTS5 table of the program's own
 * tokenizer, and 0015 rebuilds the index from the requests whatever it held). */
export function undo0015(db) {
  if (sql(db, 'SELECT MAX(version) AS v FROM schema_version')[0].v >= 16) undo0016(db);
  if (ENGINE === 'postgres') {
    sql(db, `UPDATE ticket_search s SET tokens = ARRAY(SELECT substr(x, strpos(x, ':') + 1) FROM unnest(s.tokens) AS x)
      || ('#z' || t.zone_id) FROM ticket t WHERE t.id = s.ticket_id`);
  }
  sql(db, 'DELETE FROM schema_version WHERE version = 15');
}

/** Takes the database from version 14 back to 13 (from 15 first): no announcements (0014). */
export function undo0014(db) {
  if (sql(db, 'SELECT MAX(version) AS v FROM schema_version')[0].v >= 15) undo0015(db);
  sql(db, `DROP TABLE announcement_target; DROP TABLE announcement;
    DELETE FROM schema_version WHERE version = 14;`);
}

/** Takes the database from version 13 back to 12 (from 14 first, see undo0014): what 0013 made generic over kinds is the
 * request's own again (timeline, attachments, notifications, 督办 columns, no webhook format). */
export function undo0013(db) {
  if (sql(db, 'SELECT MAX(version) AS v FROM schema_version')[0].v >= 14) undo0014(db);
  const esc = `ALTER TABLE ticket ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE ticket ADD COLUMN esc_level TEXT NOT NULL DEFAULT '';
    ALTER TABLE ticket ADD COLUMN esc_note TEXT NOT NULL DEFAULT '';
    ALTER TABLE ticket ADD COLUMN esc_deadline TEXT;
    UPDATE ticket SET escalated = COALESCE((SELECT x.state FROM work_escalation x WHERE x.kind = 'ticket' AND x.ref_id = ticket.id), 0),
      esc_level = COALESCE((SELECT x.level FROM work_escalation x WHERE x.kind = 'ticket' AND x.ref_id = ticket.id), ''),
      esc_note = COALESCE((SELECT x.note FROM work_escalation x WHERE x.kind = 'ticket' AND x.ref_id = ticket.id), ''),
      esc_deadline = (SELECT x.deadline FROM work_escalation x WHERE x.kind = 'ticket' AND x.ref_id = ticket.id);
    DROP TABLE work_escalation;
    ALTER TABLE webhook DROP COLUMN format;
    DELETE FROM schema_version WHERE version = 13;`;
  if (ENGINE === 'postgres') {
    sql(db, `ALTER SEQUENCE work_event_id_seq RENAME TO ticket_event_id_seq;
      ALTER INDEX work_event_pkey RENAME TO ticket_event_pkey;
      ALTER SEQUENCE work_attachment_id_seq RENAME TO ticket_attachment_id_seq;
      ALTER INDEX work_attachment_pkey RENAME TO ticket_attachment_pkey;
      ALTER TABLE work_event RENAME TO ticket_event;
      DROP INDEX work_event_item; DROP INDEX work_event_ref;
      ALTER INDEX work_event_zone_at RENAME TO ticket_event_zone_at;
      ALTER TABLE ticket_event DROP COLUMN kind;
      ALTER TABLE ticket_event RENAME COLUMN ref_id TO ticket_id;
      ALTER TABLE ticket_event RENAME COLUMN from_state TO from_status;
      ALTER TABLE ticket_event RENAME COLUMN to_state TO to_status;
      CREATE INDEX ticket_event_ticket ON ticket_event(ticket_id, id);
      CREATE UNIQUE INDEX ticket_event_ref ON ticket_event(ticket_id, ref);
      ALTER TABLE ticket_event ADD CONSTRAINT ticket_event_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES ticket(id);
      ALTER TABLE work_attachment RENAME TO ticket_attachment;
      DROP INDEX work_attachment_item;
      ALTER TABLE ticket_attachment DROP COLUMN kind;
      ALTER TABLE ticket_attachment RENAME COLUMN ref_id TO ticket_id;
      CREATE INDEX ticket_attachment_ticket ON ticket_attachment(ticket_id, id);
      ALTER TABLE ticket_attachment ADD CONSTRAINT ticket_attachment_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES ticket(id);
      DROP INDEX notification_user; DROP INDEX notification_item;
      ALTER TABLE notification DROP COLUMN kind;
      ALTER TABLE notification DROP COLUMN ref_no;
      ALTER TABLE notification DROP COLUMN enterprise_id;
      ALTER TABLE notification RENAME COLUMN ref_id TO ticket_id;
      ALTER TABLE notification RENAME COLUMN event TO kind;
      CREATE INDEX notification_ticket ON notification(ticket_id, kind);
      ALTER TABLE notification ADD CONSTRAINT notification_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES ticket(id);
      ${esc}`);
    return;
  }
  sql(db, `CREATE TABLE ticket_event (id INTEGER PRIMARY KEY, zone_id BIGINT NOT NULL REFERENCES zone(id),
      ticket_id BIGINT NOT NULL REFERENCES ticket(id), at BIGINT NOT NULL, user_id BIGINT, user_name TEXT NOT NULL DEFAULT '',
      action TEXT NOT NULL, from_status TEXT NOT NULL DEFAULT '', to_status TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '',
      internal INTEGER NOT NULL DEFAULT 0, media_url TEXT NOT NULL DEFAULT '', ref TEXT);
    INSERT INTO ticket_event SELECT id, zone_id, ref_id, at, user_id, user_name, action, from_state, to_state, body, internal, media_url, ref
      FROM work_event;
    DROP TABLE work_event;
    CREATE INDEX ticket_event_ticket ON ticket_event(ticket_id, id);
    CREATE UNIQUE INDEX ticket_event_ref ON ticket_event(ticket_id, ref);
    CREATE INDEX ticket_event_zone_at ON ticket_event(zone_id, at);
    CREATE TABLE ticket_attachment (id INTEGER PRIMARY KEY, zone_id BIGINT NOT NULL REFERENCES zone(id),
      ticket_id BIGINT NOT NULL REFERENCES ticket(id), sha256 TEXT NOT NULL, name TEXT NOT NULL, content_type TEXT NOT NULL,
      size BIGINT NOT NULL, uploaded_by BIGINT REFERENCES app_user(id), uploader_name TEXT NOT NULL, created_at BIGINT NOT NULL,
      deleted_at BIGINT);
    INSERT INTO ticket_attachment SELECT id, zone_id, ref_id, sha256, name, content_type, size, uploaded_by, uploader_name,
      created_at, deleted_at FROM work_attachment;
    DROP TABLE work_attachment;
    CREATE INDEX ticket_attachment_ticket ON ticket_attachment(ticket_id, id);
    CREATE TABLE notification_12 (id INTEGER PRIMARY KEY, zone_id BIGINT NOT NULL REFERENCES zone(id),
      dept_id BIGINT NOT NULL REFERENCES dept(id), user_id BIGINT REFERENCES app_user(id), ticket_id BIGINT NOT NULL REFERENCES ticket(id),
      kind TEXT NOT NULL, title TEXT NOT NULL, created_at BIGINT NOT NULL, read_at BIGINT);
    INSERT INTO notification_12 SELECT id, zone_id, dept_id, user_id, ref_id, event, title, created_at, read_at FROM notification;
    DROP TABLE notification;
    ALTER TABLE notification_12 RENAME TO notification;
    CREATE INDEX notification_dept ON notification(dept_id, created_at);
    CREATE INDEX notification_ticket ON notification(ticket_id, kind);
    ${esc}`);
}

/** No policies, matches, applications or payments (惠企政策). */
function undoPolicy(db, v) {
  sql(db, `DROP TABLE policy_payment; DROP TABLE policy_application; DROP TABLE policy_match; DROP TABLE policy;
    DELETE FROM schema_version WHERE version = ${v};`);
}
