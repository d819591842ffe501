-- The version of the policy that made the decisions in area_public (no row: none made yet).
select version from disclosure_policy
