-- Synthetic people (server/generate/people.ts): the household members a deprivation mask needs
-- so that every failed age-based indicator has a member it can be true of. Each of these indicators
-- needs its own member: newborn weight (bit 0, a child aged 0), pre-school care (bit 8, 3–5),
-- compulsory school (bit 9, 6–14), continue to M.4 (bit 10, 15–17); literacy or work 15–59
-- (bits 11, 12) make the head 25–59, so work 60+ or elderly care (bits 13, 15) then need an elder
-- besides the head (without them the head is the elder).
-- Not declared strict: a strict SQL function whose body holds AND (not strict) is never inlined, and a
-- call per household cost about 7 µs; a null mask gives null either way.
-- The generator's households get as many from server/generate/households.ts's personMinMembers, which
-- tests/integration/household-arithmetic.test.ts checks against this function.
create or replace function povmap.person_min_members(deprived integer) returns smallint
language sql immutable parallel safe as $$
  select (1 + (deprived & 1 <> 0)::int + (deprived & 256 <> 0)::int + (deprived & 512 <> 0)::int
            + (deprived & 1024 <> 0)::int
            + (deprived & (8192 | 32768) <> 0 and deprived & (2048 | 4096) <> 0)::int)::smallint
$$;
