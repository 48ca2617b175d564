-- Numbered after 0400 (which creates slack_events), outside the 0320-0339 block: it must run after that table exists.
-- Events at least once: an event is done only when its handler committed. Until then the row holds the payload (so a
-- failed handling can run again from here, on any instance) and a short claim (so two instances never run it at once).
alter table slack_events
    add column payload jsonb,
    add column handled_at timestamptz,
    add column claimed_until timestamptz,
    add column next_attempt_at timestamptz not null default now(),
    add column attempts int not null default 0;
-- Recorded under the old rule ("seen" = done): nothing to run again.
update slack_events set handled_at = received_at;
create index slack_events_unhandled on slack_events (next_attempt_at) where handled_at is null;
