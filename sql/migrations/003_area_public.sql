-- Disclosure control (issue 15): what the public may see of each area and survey year, one row per
-- row of area_stats, written by the policy (server/disclosure/, the rules in suppression.ts) in the
-- same transaction as the rollups it decides on, so readers never see new counts with old decisions.
-- The tiles (tile_area_metrics), the areas API, rankings and hotspot lists read it.
--   suppressed: the area has 1 to 4 households; it publishes only its name and code.
--   cells:      every withheld count of the rollups, cell → reason ('count-1-4', 'complementary'),
--               cells named as in server/disclosure/cells.ts; empty for a suppressed area.
--   withheld:   every withheld figure of the tiles (keys of tile_area_metrics) → reason
--               (server/disclosure/tile-figures.ts).
create table area_public (
  survey_year smallint not null,
  code        text not null,
  suppressed  boolean not null,
  cells       jsonb not null,
  withheld    jsonb not null,
  primary key (survey_year, code)
);

-- Which version of the policy made the decisions in area_public (server/disclosure/version.ts): a
-- povmap whose policy differs decides again at start.
create table disclosure_policy (
  version    text not null,
  decided_at timestamptz not null default now()
);
