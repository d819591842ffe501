-- One writer of area_public at a time (an import and a logbook change may refresh together).
select pg_advisory_xact_lock(hashtext('povmap.area_public'))
