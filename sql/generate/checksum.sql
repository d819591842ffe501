-- One checksum (`checksum`, md5 text) over every generated row, independent of row order. No bindings.
select md5(concat_ws(':',
  (select sum(hashtextextended(a::text, 0)::numeric) from admin_area a),
  (select sum(hashtextextended(h::text, 0)::numeric) from household h),
  (select sum(hashtextextended(p::text, 0)::numeric) from person p),
  (select sum(hashtextextended(s::text, 0)::numeric) from service_point s),
  (select sum(hashtextextended(p::text, 0)::numeric) from village_potential p))) as checksum
