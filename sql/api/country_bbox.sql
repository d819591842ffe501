-- The bounding box of the national outline.
select array[st_xmin(b.box), st_ymin(b.box), st_xmax(b.box), st_ymax(b.box)] as bbox
from (select st_extent(geom) as box from country_outline) b
where b.box is not null
