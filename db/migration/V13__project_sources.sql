-- Where a project's exports read events from: the built-in event store (no row, or type Postgres)
-- or a PostHog-style events table in ClickHouse. The password is encrypted with the key ring
-- (crypto.SecretCipher), like destination secrets.
create table project_sources (
    project_id         uuid        primary key references projects (id) on delete cascade,
    type               text        not null check (type in ('Postgres', 'ClickHouse')),
    url                text,
    database_name      text,
    username           text,
    password_encrypted text,
    team_id            bigint,
    updated_at         timestamptz not null
);
