-- The zone's monthly values in the order the economy's figures read them (econ_summary,
-- econ_contributions: per enterprise and indicator, the months of this year and last), holding
-- every column they need: one pass over the zone's rows without a sort or a visit to the table.
CREATE INDEX econ_value_cells ON econ_value(zone_id, enterprise_id, indicator_id, period, value,
	report_id);
