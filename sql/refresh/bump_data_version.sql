-- Tell the tile and statistics caches that the data under one name changed (the data_version
-- trigger notifies the listeners at commit). One positional binding: the name, e.g. households.
select povmap.bump_data_version(?)
