-- One applier at a time per database (two processes starting at once): held until the transaction ends.
select pg_advisory_xact_lock(hashtext('povmap.sql_definition'))
