-- Users, their area grants, login sessions and the audit of household-level reads.
create table app_user (
  id            serial primary key,
  username      text not null unique check (username ~ '^[A-Za-z0-9._@-]{3,64}$'),
  password_hash text not null,              -- scrypt$N$r$p$salt$hash (server/auth/password.ts)
  role          text not null check (role in ('public', 'analyst', 'admin')),
  pii           boolean not null default false, -- may see head names and national ids unmasked
  created_at    timestamptz not null default now()
);

-- An analyst sees households of the granted areas and everything inside them ('TH' = whole country).
create table user_grant (
  user_id   integer not null references app_user (id) on delete cascade,
  area_code text not null check (area_code = 'TH' or area_code ~ '^[0-9]{2}([0-9]{2}){0,3}$'),
  primary key (user_id, area_code)
);

-- Bearer tokens: only their SHA-256 is stored, so a database dump does not hand out sessions.
create table user_session (
  token_sha256 bytea primary key,
  user_id      integer not null references app_user (id) on delete cascade,
  created_at   timestamptz not null default now(),
  expires_at   timestamptz not null
);
create index user_session_expires_idx on user_session (expires_at);

-- Every household-level read: who, when, what they asked for and how many rows they got.
create table audit_log (
  id         bigserial primary key,
  at         timestamptz not null default now(),
  user_id    integer references app_user (id) on delete set null,
  username   text not null,
  action     text not null,   -- households.list | households.csv
  filter     jsonb not null,
  row_count  bigint not null,
  pii        boolean not null -- whether names and ids were shown unmasked
);
create index audit_log_at_idx on audit_log (at);
