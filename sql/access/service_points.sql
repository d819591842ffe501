-- The services a household's distances are measured to (server/access/nearest.ts): schools, and
-- clinics (hospitals and health-promoting hospitals), each with its longitude and latitude. Services
-- without a location are no one's nearest. No bindings.
select id, case when kind = 'school' then 'school' else 'clinic' end as service, st_x(geom) as lon, st_y(geom) as lat
from service_point
where kind in ('school', 'hospital', 'health_promoting_hospital') and geom is not null
order by id
