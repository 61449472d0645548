-- 0029: 载体 demands (src/space/): an enterprise (or the service center on its behalf) asks for
-- space — a type of building, an area range, the floor load and power it needs, the date it
-- wants it from and for how many months. Staff match it to vacant units and offer one (the unit
-- becomes 意向); the enterprise accepts (a lease is made, the unit becomes 已租) or declines (the
-- unit is vacant again). An enterprise may also apply for a vacant unit it sees: that is a demand
-- made already offered that unit. States: open, offered, leased, withdrawn, closed.
-- The zone's site plan (an SVG or PNG/JPEG picture, base64 in `data`) is kept one per zone; the
-- buildings' outlines on it are space_building.plan (0024).
CREATE TABLE space_demand (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	type TEXT NOT NULL DEFAULT 'factory',
	area_min DOUBLE PRECISION NOT NULL DEFAULT 0,
	area_max DOUBLE PRECISION NOT NULL DEFAULT 0,
	floor_load DOUBLE PRECISION,
	power_kva DOUBLE PRECISION,
	wanted_from TEXT NOT NULL,
	term_months BIGINT NOT NULL DEFAULT 12,
	notes TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'open',
	unit_id BIGINT REFERENCES space_unit(id),
	lease_id BIGINT REFERENCES space_lease(id),
	applied BIGINT NOT NULL DEFAULT 0,
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX space_demand_zone ON space_demand(zone_id, status, id);
CREATE INDEX space_demand_ent ON space_demand(enterprise_id, id);
CREATE INDEX space_demand_unit ON space_demand(unit_id);

CREATE TABLE space_plan (
	zone_id BIGINT PRIMARY KEY REFERENCES zone(id),
	content_type TEXT NOT NULL DEFAULT '',
	width BIGINT NOT NULL DEFAULT 0,
	height BIGINT NOT NULL DEFAULT 0,
	data TEXT NOT NULL DEFAULT '',
	updated_at BIGINT NOT NULL
);
