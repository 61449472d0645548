-- 0024: 载体 (src/space/): the zone's factory space. Buildings (标准厂房, 孵化器, 人才公寓, 写字楼)
-- hold units on their floors; a unit is vacant (空置), under negotiation (意向), leased (已租),
-- used by the zone itself (自用) or under repair (维修). A lease names its unit, its tenant (an
-- enterprise of the zone, or a person for a flat of a 人才公寓), its dates and its monthly rent;
-- creating one makes the unit leased, ending it makes the unit vacant again. A building may carry
-- its outline on the zone's plan (a JSON list of [x, y] points) and a position, for the vacancy
-- map. Dates are "YYYY-MM-DD" text, so that the overlap and expiry checks compare them as text.
CREATE TABLE space_building (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	name TEXT NOT NULL DEFAULT '',
	type TEXT NOT NULL DEFAULT 'factory',
	address TEXT NOT NULL DEFAULT '',
	floors BIGINT NOT NULL DEFAULT 1,
	plan TEXT NOT NULL DEFAULT '[]',
	map_x DOUBLE PRECISION,
	map_y DOUBLE PRECISION,
	notes TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX space_building_name ON space_building(zone_id, name);

CREATE TABLE space_unit (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	building_id BIGINT NOT NULL REFERENCES space_building(id),
	floor BIGINT NOT NULL DEFAULT 1,
	number TEXT NOT NULL DEFAULT '',
	area DOUBLE PRECISION NOT NULL DEFAULT 0,
	floor_load DOUBLE PRECISION,
	power_kva DOUBLE PRECISION,
	rooms BIGINT NOT NULL DEFAULT 0,
	rent DOUBLE PRECISION,
	status TEXT NOT NULL DEFAULT 'vacant',
	enterprise_id BIGINT REFERENCES enterprise(id),
	tenant_name TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX space_unit_number ON space_unit(building_id, number);
CREATE INDEX space_unit_zone ON space_unit(zone_id, status, building_id);
CREATE INDEX space_unit_ent ON space_unit(enterprise_id);

CREATE TABLE space_lease (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	unit_id BIGINT NOT NULL REFERENCES space_unit(id),
	enterprise_id BIGINT REFERENCES enterprise(id),
	tenant_name TEXT NOT NULL DEFAULT '',
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL,
	rent DOUBLE PRECISION,
	status TEXT NOT NULL DEFAULT 'active',
	ended_on TEXT,
	notes TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX space_lease_unit ON space_lease(unit_id, status, start_date);
CREATE INDEX space_lease_zone ON space_lease(zone_id, status, end_date);
CREATE INDEX space_lease_ent ON space_lease(enterprise_id, id);
