-- The user behind a live session: id, username, role, pii, the session's expires_at and the user's
-- area grants (codes, sorted); no row for an unknown or expired token.
-- Bindings (knex named): token_sha256 (bytea, the SHA-256 of the bearer token).
select u.id, u.username, u.role, u.pii, s.expires_at,
       array(select g.area_code from user_grant g where g.user_id = u.id order by 1) as grants
from user_session s
join app_user u on u.id = s.user_id
where s.token_sha256 = :token_sha256 and s.expires_at > now()
