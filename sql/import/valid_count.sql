-- After a validation: the rows that passed it (`valid`), in import_valid. No bindings.
select count(*)::bigint as valid from import_valid
