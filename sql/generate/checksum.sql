-- One checksum (`checksum`, md5 text) over every generated row, independent of row order. No bindings.
-- A table without geometry is hashed row by row as a record (each column by its type's own hash);
-- geometry has no such hash, so the tables with geometry are hashed through their rows' text. On the
-- national profile person's 36 M rows took 17 s as records against 26 s as text, and the whole
-- checksum 24.3 / 30.5 s against 31.4 / 37.0 s (the two statements alternating).
select md5(concat_ws(':',
  (select sum(hashtextextended(a::text, 0)::numeric) from admin_area a),
  (select sum(hashtextextended(h::text, 0)::numeric) from household h),
  (select sum(hash_record_extended(p, 0)::numeric) from person p),
  (select sum(hashtextextended(s::text, 0)::numeric) from service_point s),
  (select sum(hash_record_extended(p, 0)::numeric) from village_potential p))) as checksum
