-- The import connection's temporary tables gone (before reading and after merging). No bindings.
drop table if exists import_stage, import_valid, import_seen, registry_first cascade
