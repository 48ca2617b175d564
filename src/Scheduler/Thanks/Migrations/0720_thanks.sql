-- Thanks after a meeting (#16 item 6): from one member to another they were paired with, with an optional note.
-- Erased with either person (leave); the pairing may go first (a pod erased with someone else) and the thanks stays.
create table thanks (
    id uuid primary key,
    workspace_id uuid not null references workspaces(id) on delete cascade,
    giver_member_id uuid not null references members(id) on delete cascade,
    receiver_member_id uuid not null references members(id) on delete cascade,
    pairing_id uuid references pairings(id) on delete set null,
    note text,
    given_at timestamptz not null,
    -- What makes a double click, a form sent twice or a retried request record one thanks, not two.
    once_key text not null,
    -- Withheld: the receiver has the giver on their never-pair list, or one evaluates the other. The giver is answered as
    -- usual (nothing hints at the list or the rule), but the receiver never hears of it, and no count or ripple includes it.
    withheld boolean not null default false,
    unique (workspace_id, once_key),
    check (giver_member_id <> receiver_member_id)
);
create index thanks_receiver on thanks (receiver_member_id, given_at desc);
create index thanks_giver on thanks (giver_member_id);
create index thanks_workspace on thanks (workspace_id, given_at);
