-- Workspaces: one Slack team or Teams tenant each.
create table workspaces (
    id uuid primary key,
    platform text not null,
    external_id text not null,
    name text not null default '',
    time_zone text not null default 'UTC',
    created_at timestamptz not null default now(),
    unique (platform, external_id)
);

-- Members: teachers who joined, with their profile. Deleting a row erases the person.
create table members (
    id uuid primary key,
    workspace_id uuid not null references workspaces(id) on delete cascade,
    external_user_id text not null,
    display_name text not null default '',
    role text not null,
    subjects text[] not null default '{}',
    grades text[] not null default '{}',
    years int not null default 0,
    school text,
    focus text[] not null default '{}',
    time_zone text,
    availability text[] not null default '{}',
    capacity int not null default 0,
    cohort text,
    paused_until timestamptz,
    joined_at timestamptz not null,
    updated_at timestamptz not null,
    unique (workspace_id, external_user_id)
);
create index members_workspace on members (workspace_id);

-- Evidence that the Hangfire server runs jobs (the smoke job writes here).
create table job_heartbeats (
    id bigint generated always as identity primary key,
    job text not null,
    ran_at timestamptz not null default now()
);
