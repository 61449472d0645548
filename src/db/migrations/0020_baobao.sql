-- 0020: the 包保 monthly cycle (src/economy/economy_baobao.c). At the start of a month the
-- enterprise's 包保 leader or liaison sets its targets per indicator of the zone's catalogue
-- (baobao_target), mid-month a 调度 record says how production runs, its orders and problems, a
-- problem raised as a request (ticket_id), and at month end the enterprise's reported figure
-- (econ_value) is compared with the target.
CREATE TABLE baobao_target (
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	period TEXT NOT NULL,
	indicator_id BIGINT NOT NULL REFERENCES econ_indicator(id),
	target DOUBLE PRECISION NOT NULL,
	set_by BIGINT REFERENCES app_user(id),
	setter_name TEXT NOT NULL DEFAULT '',
	set_at BIGINT NOT NULL,
	PRIMARY KEY (zone_id, enterprise_id, period, indicator_id)
);
CREATE INDEX baobao_target_period ON baobao_target(zone_id, period, enterprise_id);

CREATE TABLE baobao_dispatch (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	period TEXT NOT NULL,
	recorded_on TEXT NOT NULL,
	production TEXT NOT NULL,
	orders TEXT NOT NULL DEFAULT '',
	problems TEXT NOT NULL DEFAULT '',
	ticket_id BIGINT REFERENCES ticket(id),
	created_by BIGINT REFERENCES app_user(id),
	creator_name TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL
);
CREATE INDEX baobao_dispatch_period ON baobao_dispatch(zone_id, period, enterprise_id);
