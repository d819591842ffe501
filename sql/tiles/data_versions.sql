-- Every data version, which the tile cache keys on.
select name, version from data_version
