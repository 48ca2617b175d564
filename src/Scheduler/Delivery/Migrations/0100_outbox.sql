-- The durable outbox: every message PeerBot sends goes through here, exactly once per delivery key.
create table outbox (
    id bigint generated always as identity primary key,
    workspace_id uuid not null references workspaces(id) on delete cascade,
    -- Job run + recipient(s) + purpose: a job that runs twice inserts nothing new.
    delivery_key text not null unique,
    recipients text[] not null,
    -- The conversation the message lands in (sorted recipients): per-channel pacing.
    channel_key text not null,
    purpose text not null,
    -- Who the message names, so that `leave` erases it with the person (or the pairing that names them).
    member_id uuid references members(id) on delete cascade,
    -- The pairing it introduces or nudges (foreign key added with the pairings table in 0102).
    pairing_id uuid,
    message jsonb,
    state text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'dead')),
    attempts int not null default 0,
    -- Set when a send failed in a way that leaves the outcome unknown: look before sending again.
    uncertain boolean not null default false,
    next_attempt_at timestamptz not null,
    claimed_until timestamptz,
    claimed_by text,
    last_error text,
    created_at timestamptz not null default now(),
    sent_at timestamptz
);
create index outbox_due on outbox (next_attempt_at) where state in ('pending', 'sending');
create index outbox_dead on outbox (workspace_id) where state = 'dead';
create index outbox_member on outbox (member_id);
