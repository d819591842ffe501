-- Subscribe the tile cache's own connection to data-version changes: the trigger on data_version
-- (sql/functions/data_version.sql) sends `NOTIFY povmap_data_version, '<name>:<version>'` at commit.
listen povmap_data_version
