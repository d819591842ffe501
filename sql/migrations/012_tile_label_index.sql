-- The boundaries (labels) and villages tile layers find areas of one level by their label point
-- inside a tile envelope.
create index admin_area_level_label_point_idx on admin_area using gist (level, label_point);
