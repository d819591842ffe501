-- The areas changed: bump their data version (tiles and caches key on it). No bindings.
select povmap.bump_data_version('areas')
