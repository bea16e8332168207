-- Sluice metadata and the built-in Postgres event store.

create table projects (
    id          uuid primary key,
    name        text        not null,
    api_token   text        not null unique,
    created_at  timestamptz not null
);

create table users (
    id             uuid primary key,
    email          text        not null,
    password_hash  text        not null,
    instance_admin boolean     not null default false,
    created_at     timestamptz not null
);
create unique index users_email_key on users (lower(email));

create table memberships (
    id          uuid primary key,
    project_id  uuid        not null references projects (id) on delete cascade,
    user_id     uuid        not null references users (id) on delete cascade,
    role        text        not null check (role in ('ADMIN', 'EDITOR', 'VIEWER')),
    created_at  timestamptz not null,
    unique (project_id, user_id)
);

create table personal_api_keys (
    id            uuid primary key,
    user_id       uuid        not null references users (id) on delete cascade,
    label         text        not null,
    value_hash    text        not null unique,
    mask_value    text        not null,
    created_at    timestamptz not null,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);

create table destinations (
    id               uuid primary key,
    type             text        not null,
    config_encrypted text        not null,
    created_at       timestamptz not null,
    last_updated_at  timestamptz not null
);

create table batch_exports (
    id               uuid primary key,
    project_id       uuid        not null references projects (id) on delete cascade,
    destination_id   uuid        not null references destinations (id),
    name             text        not null,
    interval         text        not null,
    interval_offset  integer     not null default 0,
    timezone         text        not null default 'UTC',
    model            text        not null default 'events',
    schema           jsonb,
    filters          jsonb,
    paused           boolean     not null default false,
    deleted          boolean     not null default false,
    start_at         timestamptz,
    end_at           timestamptz,
    created_at       timestamptz not null,
    last_updated_at  timestamptz not null,
    last_paused_at   timestamptz,
    -- end of the last interval the scheduler has started a run for
    schedule_cursor  timestamptz
);
create index batch_exports_project_idx on batch_exports (project_id) where not deleted;

create table batch_export_backfills (
    id               uuid primary key,
    batch_export_id  uuid        not null references batch_exports (id) on delete cascade,
    status           text        not null,
    start_at         timestamptz,
    end_at           timestamptz not null,
    total_runs       integer     not null default 0,
    finished_runs    integer     not null default 0,
    workflow_id      text,
    created_at       timestamptz not null,
    finished_at      timestamptz,
    last_updated_at  timestamptz not null
);
create index batch_export_backfills_export_idx on batch_export_backfills (batch_export_id, created_at desc);

create table batch_export_runs (
    id                  uuid primary key,
    batch_export_id     uuid        not null references batch_exports (id) on delete cascade,
    backfill_id         uuid        references batch_export_backfills (id) on delete set null,
    status              text        not null,
    data_interval_start timestamptz not null,
    data_interval_end   timestamptz not null,
    records_completed   bigint      not null default 0,
    bytes_exported      bigint      not null default 0,
    latest_error        text,
    workflow_id         text        not null unique,
    created_at          timestamptz not null,
    finished_at         timestamptz,
    last_updated_at     timestamptz not null
);
create index batch_export_runs_interval_idx on batch_export_runs (batch_export_id, data_interval_end desc);
create index batch_export_runs_backfill_idx on batch_export_runs (backfill_id);

create table run_logs (
    id               bigserial primary key,
    batch_export_id  uuid        not null references batch_exports (id) on delete cascade,
    run_id           uuid,
    timestamp        timestamptz not null,
    level            text        not null,
    message          text        not null
);
create index run_logs_export_idx on run_logs (batch_export_id, timestamp desc, id desc);

-- Event store fed by the capture API. Intervals are scanned by (project, inserted_at).
create table events (
    project_id   uuid        not null references projects (id) on delete cascade,
    uuid         uuid        not null,
    event        text        not null,
    distinct_id  text        not null,
    person_id    uuid,
    properties   jsonb       not null default '{}'::jsonb,
    timestamp    timestamptz not null,
    inserted_at  timestamptz not null,
    primary key (project_id, uuid)
);
create index events_interval_idx on events (project_id, inserted_at);

create table persons (
    project_id   uuid        not null references projects (id) on delete cascade,
    id           uuid        not null,
    properties   jsonb       not null default '{}'::jsonb,
    created_at   timestamptz not null,
    version      bigint      not null default 0,
    updated_at   timestamptz not null,
    primary key (project_id, id)
);
create index persons_updated_idx on persons (project_id, updated_at);

create table person_distinct_ids (
    project_id   uuid not null references projects (id) on delete cascade,
    distinct_id  text not null,
    person_id    uuid not null,
    primary key (project_id, distinct_id)
);
