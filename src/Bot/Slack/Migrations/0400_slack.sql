-- Slack Events API retries carry the same event_id: one row per event processed, so a retry never doubles an effect.
create table slack_events (
    event_id text primary key,
    team_id text not null,
    event_type text not null,
    received_at timestamptz not null default now()
);
create index slack_events_received on slack_events (received_at);

-- One row per workspace installed through OAuth. Tokens are Data Protection ciphertext, never plaintext.
create table slack_installations (
    team_id text primary key,
    workspace_id uuid not null references workspaces(id) on delete cascade,
    bot_user_id text not null default '',
    scope text not null default '',
    bot_token_protected text not null,
    refresh_token_protected text,
    expires_at timestamptz,
    installed_at timestamptz not null,
    updated_at timestamptz not null
);

-- The ASP.NET Core Data Protection key ring, shared by every instance so each can decrypt the tokens.
create table data_protection_keys (
    friendly_name text primary key,
    xml text not null,
    created_at timestamptz not null default now()
);

-- App Home: who has already seen the welcome (shown once). Not a member table: the person may never
-- join, so it cannot reference members(id); it holds only the Slack user id and goes with the workspace.
create table slack_home_welcomes (
    workspace_id uuid not null references workspaces(id) on delete cascade,
    external_user_id text not null,
    shown_at timestamptz not null,
    primary key (workspace_id, external_user_id)
);
