-- One checksum (`checksum`, md5 text) over every generated row. Binding: the sha256 (hex) of the
-- households' COPY text and that of the people's, as the generator wrote them, joined by a colon
-- (server/generate/generate.ts, datasetChecksum). The other tables are hashed here, independent of row order: one without
-- geometry row by row as a record (each column by its type's own hash); geometry has no such hash,
-- so a table with geometry is hashed through its rows' text.
select md5(concat_ws(':',
  (select sum(hashtextextended(a::text, 0)::numeric) from admin_area a),
  ?::text,
  (select sum(hashtextextended(s::text, 0)::numeric) from service_point s),
  (select sum(hash_record_extended(p, 0)::numeric) from village_potential p))) as checksum
