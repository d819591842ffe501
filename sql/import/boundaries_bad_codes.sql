-- Up to 3 staged codes (`code`) of the wrong length for the level being imported.
-- Bindings (positional): 1. the level's code length in digits.
select code from import_boundary.staging where length(code) <> ? limit 3
