-- povmap.dimension and povmap.indicator made equal to server/mpi/indicators.ts (the one definition):
-- rows upserted, rows it no longer has deleted, in one statement. Bindings (positional): the
-- dimensions, then the indicators, as jsonb arrays of objects with the tables' column names.
with dimension_row as (
  select * from jsonb_to_recordset(cast(? as jsonb)) as d(number smallint, id text, name_en text, name_th text)
),
indicator_row as (
  select * from jsonb_to_recordset(cast(? as jsonb))
    as i(number smallint, id text, dimension text, weight60 smallint, name_en text, name_th text, generator_rate double precision)
),
removed_indicator as (
  delete from povmap.indicator where number not in (select number from indicator_row) returning number
),
dimension as (
  insert into povmap.dimension (number, id, name_en, name_th)
  select number, id, name_en, name_th from dimension_row
  on conflict (number) do update set id = excluded.id, name_en = excluded.name_en, name_th = excluded.name_th
  returning number
),
indicator as (
  insert into povmap.indicator (number, id, dimension, weight60, name_en, name_th, generator_rate)
  select number, id, dimension, weight60, name_en, name_th, generator_rate from indicator_row
  on conflict (number) do update set id = excluded.id, dimension = excluded.dimension, weight60 = excluded.weight60,
    name_en = excluded.name_en, name_th = excluded.name_th, generator_rate = excluded.generator_rate
  returning number
),
removed_dimension as (
  delete from povmap.dimension where number not in (select number from dimension_row) returning number
)
select (select count(*) from dimension) as dimensions, (select count(*) from indicator) as indicators
