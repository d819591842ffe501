-- Which of the objects a definition file creates are missing. Bindings (positional, jsonb arrays of
-- names): relations (views, materialized views; resolved on the search path), then functions
-- (schema-qualified, any arguments).
select n.name from jsonb_array_elements_text(cast(? as jsonb)) n(name) where to_regclass(n.name) is null
union all
select n.name from jsonb_array_elements_text(cast(? as jsonb)) n(name)
where not exists (select 1 from pg_proc p join pg_namespace s on s.oid = p.pronamespace
                  where s.nspname || '.' || p.proname = n.name)
