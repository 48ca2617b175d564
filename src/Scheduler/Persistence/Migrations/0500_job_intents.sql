-- Jobs a decision implies (a pulse's reminder and close, a check-in reminder), written in the decision's own
-- transaction and handed to Hangfire after the commit by the relay, which retries until Hangfire has them.
create table job_intents (
    id bigint generated always as identity primary key,
    -- The decision + what it schedules: a decision retried records its job once.
    intent_key text not null unique,
    -- Hangfire's own description of the call (type, method, argument values: ids and dates, never personal data).
    job text not null,
    -- When to run, by the app's clock: the relay hands Hangfire the delay left.
    run_at timestamptz not null,
    created_at timestamptz not null default now(),
    -- Null until Hangfire has it.
    scheduled_at timestamptz,
    hangfire_job_id text,
    attempts int not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error text
);
create index job_intents_waiting on job_intents (next_attempt_at) where scheduled_at is null;
