-- Every user with username, role, pii, created_at and their area grants (codes, sorted), by username.
-- No bindings.
select u.username, u.role, u.pii, u.created_at,
       array(select g.area_code from user_grant g where g.user_id = u.id order by 1) as grants
from app_user u
order by u.username
