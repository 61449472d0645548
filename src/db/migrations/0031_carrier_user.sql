-- 0031: a carrier's own account (工业物流, src/freight/): a user of role carrier belongs to one
-- carrier of its zone, app_user.carrier_id (NULL for every other role), as a bank user belongs to
-- its bank. It reads its carrier, trucks and offers and the loads matched to them, posts and
-- closes its spare capacity and confirms or declines those loads itself.
ALTER TABLE app_user ADD COLUMN carrier_id BIGINT REFERENCES freight_carrier(id);
