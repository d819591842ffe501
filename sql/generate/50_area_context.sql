-- The synthetic area context (provincial accounts, HAI, centre staff, projects, OTOP products):
-- see sql/functions/generate_area_context.sql. Bindings (positional): 1. seed; 2. survey years.
select povmap.generate_area_context(?::integer, ?::smallint[])
