-- While sql/functions/ is applied: function bodies may name tables the baseline migration makes
-- after them (generated columns and the data_version trigger need the functions first).
set local check_function_bodies = off
