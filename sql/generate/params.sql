-- The run's parameters, read by the generator's SQL. Returns nothing.
-- Bindings (positional): 1. seed; 2. households per survey year; 3. survey years (smallint[]).
insert into gen.params values (?, ?, ?::smallint[])
