-- The survey year before `p_year` that has figures: the newest country row of area_stats before it
-- (one probe of area_stats_key), null for the first. The tiles' changes and crossings compare an
-- area with that year (sql/views/89_tile_area_relative_figures.sql, 90_tile_area_metrics.sql).
-- A function rather than the subquery written in the views, which the planner runs per row as a
-- correlated subplan: that kept every join of the tile figures out of parallel plans, and with
-- them the building of every area's object (the costly part) on one core.
create or replace function povmap.previous_survey_year(p_year smallint)
returns smallint
language sql stable parallel safe as $$
  select max(y.survey_year) from area_stats y where y.code = 'TH' and y.survey_year < p_year
$$;
