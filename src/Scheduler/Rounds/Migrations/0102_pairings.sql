-- Pairing rounds: one row per run; the unique run key is what makes a retried or doubly-started job a no-op.
create table pairing_rounds (
    id uuid primary key,
    workspace_id uuid not null references workspaces(id) on delete cascade,
    run_key text not null,
    ran_at timestamptz not null,
    mentor_pairs int not null default 0,
    pods int not null default 0,
    left_out int not null default 0,
    unique (workspace_id, run_key)
);

-- A mentoring pair (proposed to the mentor first) or a peer pod, with its score and the sentence on why.
create table pairings (
    id uuid primary key,
    workspace_id uuid not null references workspaces(id) on delete cascade,
    round_id uuid references pairing_rounds(id) on delete set null,
    kind text not null check (kind in ('mentor', 'pod')),
    status text not null check (status in ('proposed', 'active', 'declined', 'expired', 'ended')),
    score double precision not null,
    explanation text not null,
    created_at timestamptz not null,
    proposal_expires_at timestamptz,
    accepted_at timestamptz,
    ended_at timestamptz
);
create index pairings_workspace_status on pairings (workspace_id, status);

create table pairing_members (
    pairing_id uuid not null references pairings(id) on delete cascade,
    member_id uuid not null references members(id) on delete cascade,
    role text not null check (role in ('mentor', 'mentee', 'peer')),
    primary key (pairing_id, member_id)
);
create index pairing_members_member on pairing_members (member_id);

-- When a member leaves, the pairings that name them go too (with their messages and check-ins).
create function erase_pairing_with_member() returns trigger language plpgsql as $$
begin
    delete from pairings where id = old.pairing_id;
    return null;
end $$;
create trigger pairing_members_erase after delete on pairing_members for each row execute function erase_pairing_with_member();

alter table outbox add constraint outbox_pairing foreign key (pairing_id) references pairings(id) on delete cascade;
