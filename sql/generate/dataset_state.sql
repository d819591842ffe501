-- What setup needs to know of the loaded data set (server/generate/regenerate.ts): its profile, seed,
-- whether it is complete (persons recorded), the generator revision that made it, and whether data
-- of someone's own was imported into it since (households, people, the logbook or agencies' results).
-- No row: no data set. No bindings.
select d.profile, d.seed, d.persons is not null as complete, d.generator_revision,
       exists (select 1 from import_job j
               where j.kind in ('households', 'persons', 'assistance', 'results') and j.state = 'done'
                 and j.created_at > d.generated_at) as imported
from dataset d
