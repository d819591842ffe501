-- Everything the tiles and caches key on changed: bump the data versions of the generated data. No bindings.
select povmap.bump_data_version(name) from unnest(array['areas', 'households', 'services', 'villages']) name
