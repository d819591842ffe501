-- Fresh statistics on the new areas: the derived-data queries (neighbours, tile geometry) plan badly
-- on a never-analyzed table. No bindings.
analyze admin_area
