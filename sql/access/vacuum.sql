-- After the distances are written: vacuum (for the index-only scans of the on-request shares,
-- household_access_target_idx) and fresh statistics for the distances and the villages' demand.
-- Run on its own: VACUUM cannot share a statement string or a transaction. No bindings.
vacuum analyze household_access, access_village
