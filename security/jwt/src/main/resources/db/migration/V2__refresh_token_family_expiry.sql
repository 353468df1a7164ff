-- A family's absolute end, set at login: rotation gives every successor at most this, so a
-- session refreshed every day still ends and its user logs in again. Families that existed
-- before this column end 30 days after their login, the default of jwt.refresh-family-ttl.
alter table refresh_token_families add column expires_at timestamptz;

update refresh_token_families set expires_at = created_at + interval '30 days';

alter table refresh_token_families alter column expires_at set not null;
