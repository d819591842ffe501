-- Registry linkage at national scale (issue 21). The link join (sql/import/registry_merge.sql) looks
-- up each staged national id in person and needs only the person's key back. With the plain index on
-- national_id every match also fetched its person row from the heap: on the national profile (36 M
-- people, a 3.9 GB heap) a 1 M-line registry made some 320,000 random heap reads, most of the merge's
-- time. The key columns carried in the index make the join an index-only scan in id order.
-- (if not exists: on a large database an operator may build it beforehand with create index concurrently)
create index if not exists person_national_id_link_idx on person (national_id) include (survey_year, house_code, person_no);
drop index person_national_id_idx;

-- No query reads registry_record through these: the linkage report and the per-province table find a
-- job's lines by the primary key (job_id, line), and the area rollup (sql/views/57_area_registry_stats.sql)
-- reads the whole table. Each cost the merge an index entry per registry line.
drop index registry_record_hash_idx;
drop index registry_record_status_idx;
drop index registry_record_year_idx;
