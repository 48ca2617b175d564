-- Fenced claims: a claim carries a token that every finishing update must present, so an instance whose
-- lease ran out can no longer mark (or send) a row another instance has taken over. Leases are short and renewed.
alter table outbox add column claim_token uuid;
create index outbox_claim on outbox (claim_token) where claim_token is not null;

-- One pace per workspace, shared by every instance through the database: the next free sending slot.
-- A 429's Retry-After pushes it back, so the whole workspace waits, whichever instance was told.
create table delivery_pace (
    workspace_id uuid primary key references workspaces(id) on delete cascade,
    next_slot timestamptz not null
);

-- Rows an older version left in flight were claimed without marking the hand-over: look before resending them.
update outbox set uncertain = true where state = 'sending';
