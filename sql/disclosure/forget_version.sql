-- The decisions in area_public no longer match the rollups: the next preparation decides again.
delete from disclosure_policy
