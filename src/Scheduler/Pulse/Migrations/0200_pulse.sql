-- Wellness pulse: anonymous by design. Answers and comments never name a person (no member id, no hash of one);
-- participation ("asked / has answered") is a separate record that `leave` erases with the member.

-- Each workspace's pulse: its questions (null = the defaults), rhythm, and the support resources shown privately.
create table pulse_settings (
    workspace_id uuid primary key references workspaces(id) on delete cascade,
    questions jsonb,
    schedule text not null default '0 14 * * 5',
    every_weeks int not null default 2 check (every_weeks between 1 and 8),
    anchor date not null default date '2026-01-05',
    resources text not null default ''
);

-- One pulse survey; the run key makes a retried or doubly-started job open it once.
create table pulses (
    id uuid primary key,
    workspace_id uuid not null references workspaces(id) on delete cascade,
    run_key text not null,
    week date not null,
    questions jsonb not null,
    opened_at timestamptz not null,
    closes_at timestamptz not null,
    closed boolean not null default false,
    unique (workspace_id, run_key)
);
create index pulses_workspace_week on pulses (workspace_id, week);

-- Who was asked and whether they answered: for reminders and to stop double answers. No time of answering.
create table pulse_participation (
    pulse_id uuid not null references pulses(id) on delete cascade,
    member_id uuid not null references members(id) on delete cascade,
    answered boolean not null default false,
    primary key (pulse_id, member_id)
);
create index pulse_participation_member on pulse_participation (member_id);

-- The answers: random ids, the day only, the cohort as the one attribute kept. Nothing here leads to a person.
create table pulse_answers (
    id uuid primary key,
    pulse_id uuid not null references pulses(id) on delete cascade,
    question smallint not null check (question between 0 and 4),
    value smallint not null check (value between 1 and 5),
    cohort text,
    answered_on date not null
);
create index pulse_answers_pulse on pulse_answers (pulse_id) include (cohort, question, value);

-- Optional comments: no cohort, no day, no person.
create table pulse_comments (
    id uuid primary key,
    pulse_id uuid not null references pulses(id) on delete cascade,
    body text not null check (length(body) between 1 and 1000)
);
create index pulse_comments_pulse on pulse_comments (pulse_id);

-- Coaches may pull reports. A coach need not be a member; one who is, and leaves, stops being a coach.
create table coaches (
    workspace_id uuid not null references workspaces(id) on delete cascade,
    external_user_id text not null,
    added_on date not null,
    primary key (workspace_id, external_user_id)
);
create function erase_coach_with_member() returns trigger language plpgsql as $$
begin
    delete from coaches where workspace_id = old.workspace_id and external_user_id = old.external_user_id;
    return null;
end $$;
create trigger members_erase_coach after delete on members for each row execute function erase_coach_with_member();

-- The key that signs report links when no secret is configured, encrypted by ASP.NET Core Data Protection.
create table report_link_keys (
    id int primary key check (id = 1),
    protected_key text not null
);
