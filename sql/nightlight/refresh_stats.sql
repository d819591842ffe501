-- Zonal statistics of one composite year (sql/migrations/040); `n` is the number of areas written.
-- Bindings (positional): 1. year.
select povmap.refresh_nightlight_stats(?::smallint) as n
