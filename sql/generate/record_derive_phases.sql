-- After the derivations that follow a generation: their phase times appended to the data set's
-- (dataset.phases, migration 022). Bindings (positional): 1. the phases as a JSON array text.
update dataset set phases = coalesce(phases, '[]'::jsonb) || ?::jsonb
