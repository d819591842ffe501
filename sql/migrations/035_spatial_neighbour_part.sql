-- Where the neighbour pairs of the areas are staged part by part, each part computed on a connection
-- of its own (povmap.stage_spatial_weights_part), before one transaction puts them all in place
-- (povmap.replace_spatial_weights_from_parts): on one connection the pairs took 11.6 s of the demo
-- profile on one core of two, both parts at once 6.2 s. Unlogged: a crash loses only a refresh under way, which
-- leaves the previous pairs (or none, which the next start makes again).
create unlogged table spatial_neighbour_part (
  scheme text not null,
  level text not null,
  code text not null,
  neighbour_code text not null,
  rank smallint
);
