-- 0027: 银企对接 (src/finance/): the zone's banks and their loan products, the enterprises' loan
-- demands (融资需求), each bank's answer to a demand the service center pushed to it (受理 /
-- 婉拒 / 批复), and the tranches a bank disbursed (放款). A bank user (role bank) belongs to one
-- bank: app_user.bank_id. Money in 万元, rates in %, dates "YYYY-MM-DD" text.
CREATE TABLE fin_bank (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	name TEXT NOT NULL DEFAULT '',
	branch TEXT NOT NULL DEFAULT '',
	contact TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX fin_bank_name ON fin_bank(zone_id, name, branch);

CREATE TABLE fin_product (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	bank_id BIGINT NOT NULL REFERENCES fin_bank(id),
	name TEXT NOT NULL DEFAULT '',
	guarantee TEXT NOT NULL DEFAULT 'credit',
	rate_min DOUBLE PRECISION,
	rate_max DOUBLE PRECISION,
	term_months BIGINT NOT NULL DEFAULT 12,
	amount_min DOUBLE PRECISION,
	amount_max DOUBLE PRECISION,
	notes TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX fin_product_bank ON fin_product(bank_id);

CREATE TABLE fin_demand (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	amount DOUBLE PRECISION NOT NULL DEFAULT 0,
	purpose TEXT NOT NULL DEFAULT '',
	term_months BIGINT NOT NULL DEFAULT 12,
	collateral TEXT NOT NULL DEFAULT '',
	urgency TEXT NOT NULL DEFAULT 'normal',
	wanted_by TEXT,
	status TEXT NOT NULL DEFAULT 'submitted',
	notes TEXT NOT NULL DEFAULT '',
	submitted_on TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX fin_demand_zone ON fin_demand(zone_id, status);
CREATE INDEX fin_demand_enterprise ON fin_demand(enterprise_id);

-- one row per bank a demand was pushed to: that bank's answer and its loan
CREATE TABLE fin_offer (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	demand_id BIGINT NOT NULL REFERENCES fin_demand(id),
	bank_id BIGINT NOT NULL REFERENCES fin_bank(id),
	status TEXT NOT NULL DEFAULT 'pushed',
	reason TEXT NOT NULL DEFAULT '',
	product_id BIGINT REFERENCES fin_product(id),
	approved_amount DOUBLE PRECISION,
	rate DOUBLE PRECISION,
	term_months BIGINT NOT NULL DEFAULT 0,
	approved_on TEXT,
	pushed_at BIGINT NOT NULL,
	answered_at BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX fin_offer_bank ON fin_offer(demand_id, bank_id);
CREATE INDEX fin_offer_zone ON fin_offer(zone_id, bank_id);

CREATE TABLE fin_tranche (
	id BIGSERIAL PRIMARY KEY,
	zone_id BIGINT NOT NULL REFERENCES zone(id),
	offer_id BIGINT NOT NULL REFERENCES fin_offer(id),
	on_date TEXT NOT NULL DEFAULT '',
	amount DOUBLE PRECISION NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL
);
CREATE INDEX fin_tranche_offer ON fin_tranche(offer_id);

ALTER TABLE app_user ADD COLUMN bank_id BIGINT REFERENCES fin_bank(id);
