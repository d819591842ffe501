-- The versions of the data the policy's decisions rest on (boundaries and households), as one key.
select string_agg(cast(version as text), '.' order by name) as version
from data_version
where name in ('areas', 'households')
