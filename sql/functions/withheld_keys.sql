-- The keys of an area's withheld object (area_public.withheld: figure → reason), as the tiles'
-- figures list and remove them (sql/views/90_tile_area_metrics.sql, sql/functions/refresh_tile_area_metrics.sql).
-- Functions rather than subqueries in the view, which the planner runs per row as correlated
-- subplans and which kept the view's object building out of parallel plans (previous_survey_year.sql says more).

-- The keys, sorted, joined by commas; null for an empty object.
create or replace function povmap.withheld_key_list(p_withheld jsonb)
returns text
language sql immutable parallel safe as $$
  select string_agg(k, ',' order by k) from jsonb_object_keys(p_withheld) k
$$;

-- The keys as an array (for jsonb's `-`).
create or replace function povmap.withheld_key_array(p_withheld jsonb)
returns text[]
language sql immutable parallel safe as $$
  select array(select jsonb_object_keys(p_withheld))
$$;
