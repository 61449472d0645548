-- 0030: regions (GB/T 2260 administrative divisions) and the zones and users that belong to them.
-- A region's level and parent follow from its code: "220000" a province, "220100" a city of it,
-- "220171" a county-level division of that city. A zone lies in one region (its county, or its
-- city where the zone spans several); a province or city user reads the zones of its region only
-- (an empty region: every zone of the installation, as before this migration).

CREATE TABLE region (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL
);

ALTER TABLE zone ADD COLUMN region_code TEXT NOT NULL DEFAULT '';
-- 'national' 国家级, 'provincial' 省级, '' not stated
ALTER TABLE zone ADD COLUMN level TEXT NOT NULL DEFAULT '';
CREATE INDEX zone_region ON zone(region_code);
ALTER TABLE app_user ADD COLUMN region_code TEXT NOT NULL DEFAULT '';

-- the provincial-level divisions
INSERT INTO region (code, name) VALUES
('110000', '北京市'), ('120000', '天津市'), ('130000', '河北省'), ('140000', '山西省'),
('150000', '内蒙古自治区'), ('210000', '辽宁省'), ('220000', '吉林省'), ('230000', '黑龙江省'),
('310000', '上海市'), ('320000', '江苏省'), ('330000', '浙江省'), ('340000', '安徽省'),
('350000', '福建省'), ('360000', '江西省'), ('370000', '山东省'), ('410000', '河南省'),
('420000', '湖北省'), ('430000', '湖南省'), ('440000', '广东省'), ('450000', '广西壮族自治区'),
('460000', '海南省'), ('500000', '重庆市'), ('510000', '四川省'), ('520000', '贵州省'),
('530000', '云南省'), ('540000', '西藏自治区'), ('610000', '陕西省'), ('620000', '甘肃省'),
('630000', '青海省'), ('640000', '宁夏回族自治区'), ('650000', '新疆维吾尔自治区'),
('710000', '台湾省'), ('810000', '香港特别行政区'), ('820000', '澳门特别行政区');

-- 吉林省: its cities, and 长春市's districts and development-zone divisions
INSERT INTO region (code, name) VALUES
('220100', '长春市'), ('220200', '吉林市'), ('220300', '四平市'), ('220400', '辽源市'),
('220500', '通化市'), ('220600', '白山市'), ('220700', '松原市'), ('220800', '白城市'),
('222400', '延边朝鲜族自治州'),
('220102', '南关区'), ('220103', '宽城区'), ('220104', '朝阳区'), ('220105', '二道区'),
('220106', '绿园区'), ('220112', '双阳区'), ('220113', '九台区'), ('220122', '农安县'),
('220171', '长春经济技术开发区'), ('220172', '长春净月高新技术产业开发区'),
('220173', '长春高新技术产业开发区'), ('220174', '长春汽车经济技术开发区'),
('220182', '榆树市'), ('220183', '德惠市'), ('220184', '公主岭市');

-- the cities and districts of the other demo zones
INSERT INTO region (code, name) VALUES
('320600', '南通市'), ('320614', '海门区'), ('430100', '长沙市'), ('430112', '望城区');

-- A province or city user reads figures and lists, not the enterprises' contact details (the
-- personal data of the field tables: contacts, phones), unless this is granted to it
-- (yuanqu user contacts NAME). Everyone else keeps them as before.
ALTER TABLE app_user ADD COLUMN contact_access INTEGER NOT NULL DEFAULT 0;

-- 综合考核 schemes of a region (src/province/): the metrics with their weights (and targets),
-- "metric:weight[:target],…", scored one way ('rank', 'minmax', 'target'); a region's default
-- is the one its rankings use when none is asked for.
CREATE TABLE rank_scheme (
	id BIGSERIAL PRIMARY KEY,
	region_code TEXT NOT NULL,
	name TEXT NOT NULL,
	method TEXT NOT NULL,
	items TEXT NOT NULL,
	is_default INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL
);
CREATE INDEX rank_scheme_region ON rank_scheme(region_code);
