-- The version of the policy that made the decisions now in area_public.
with gone as (delete from disclosure_policy)
insert into disclosure_policy (version) values (:version)
