-- Zonal statistics of one composite year (sql/functions/nightlight_stats.sql); `n` is the number of areas written.
-- Bindings (positional): 1. year.
select povmap.refresh_nightlight_stats(?::smallint) as n
