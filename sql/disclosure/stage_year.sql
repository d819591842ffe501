-- An empty table, private to this session and dropped at commit, that one survey year's new
-- decisions are copied into (copy_year.sql) before merge_year.sql writes the ones that changed.
create temp table if not exists area_public_staged (like area_public) on commit drop;
truncate area_public_staged;
