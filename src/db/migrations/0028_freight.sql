-- 0028: 工业物流 (src/freight/): part-loads (拼车) between the zone's enterprises and the carriers
-- of its 工业物流群, and the daily registration of freight vehicles (货运车辆报备). A carrier
-- (物流企业/车队) has trucks (plate, driver, capacity in t and m³); an offer is a truck's spare
-- room on a route (origin, the cities on the way as a JSON list, destination) in a date window,
-- with the price a full truck costs on that route (the reference of the savings, in 元). A load
-- is an enterprise's part-load (goods, value in 万元, weight, volume, route, date window, the
-- price it offers in 元); matched to an offer, confirmed by both sides (shipper_ok, carrier_ok),
-- then delivered or failed. A registration names a vehicle, its driver, route and date, and is
-- approved or rejected (with a reason) by the service center. Dates are "YYYY-MM-DD" text.
CREATE TABLE freight_carrier (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	name TEXT NOT NULL DEFAULT '',
	contact TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX freight_carrier_name ON freight_carrier(zone_id, name);

CREATE TABLE freight_truck (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	carrier_id BIGINT NOT NULL REFERENCES freight_carrier(id),
	plate TEXT NOT NULL DEFAULT '',
	driver TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	capacity_t DOUBLE PRECISION NOT NULL DEFAULT 0,
	capacity_m3 DOUBLE PRECISION NOT NULL DEFAULT 0,
	notes TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX freight_truck_plate ON freight_truck(zone_id, plate);
CREATE INDEX freight_truck_carrier ON freight_truck(carrier_id);

CREATE TABLE freight_offer (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	truck_id BIGINT NOT NULL REFERENCES freight_truck(id),
	origin TEXT NOT NULL DEFAULT '',
	destination TEXT NOT NULL DEFAULT '',
	via TEXT NOT NULL DEFAULT '[]',
	date_from TEXT NOT NULL,
	date_to TEXT NOT NULL,
	spare_t DOUBLE PRECISION NOT NULL DEFAULT 0,
	spare_m3 DOUBLE PRECISION NOT NULL DEFAULT 0,
	full_price DOUBLE PRECISION NOT NULL DEFAULT 0,
	status TEXT NOT NULL DEFAULT 'open',
	notes TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX freight_offer_open ON freight_offer(zone_id, status, date_to, date_from);
CREATE INDEX freight_offer_truck ON freight_offer(truck_id);

CREATE TABLE freight_load (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	goods TEXT NOT NULL DEFAULT '',
	goods_value DOUBLE PRECISION,
	weight_t DOUBLE PRECISION NOT NULL DEFAULT 0,
	volume_m3 DOUBLE PRECISION NOT NULL DEFAULT 0,
	origin TEXT NOT NULL DEFAULT '',
	destination TEXT NOT NULL DEFAULT '',
	date_from TEXT NOT NULL,
	date_to TEXT NOT NULL,
	price DOUBLE PRECISION NOT NULL DEFAULT 0,
	status TEXT NOT NULL DEFAULT 'open',
	offer_id BIGINT REFERENCES freight_offer(id),
	shipper_ok BIGINT NOT NULL DEFAULT 0,
	carrier_ok BIGINT NOT NULL DEFAULT 0,
	outcome_note TEXT NOT NULL DEFAULT '',
	done_at BIGINT,
	notes TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX freight_load_zone ON freight_load(zone_id, status, id);
CREATE INDEX freight_load_ent ON freight_load(enterprise_id, id);
CREATE INDEX freight_load_offer ON freight_load(offer_id, status);

CREATE TABLE freight_reg (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	plate TEXT NOT NULL DEFAULT '',
	driver TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	route TEXT NOT NULL DEFAULT '',
	date TEXT NOT NULL,
	goods TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'pending',
	reason TEXT NOT NULL DEFAULT '',
	decided_at BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX freight_reg_zone ON freight_reg(zone_id, date, status);
CREATE INDEX freight_reg_ent ON freight_reg(enterprise_id, id);
