-- Each workspace's rhythm: schedules (cron in the workspace's time zone), pod size, and the hours messages may arrive.
alter table workspaces
    add column pairing_schedule text not null default '0 8 * * 1',
    -- "Every other Monday": the recurring job fires weekly; rounds run in weeks counted from the anchor Monday.
    add column pairing_every_weeks int not null default 2 check (pairing_every_weeks between 1 and 8),
    add column pairing_anchor date not null default date '2026-01-05',
    add column checkin_schedule text not null default '30 15 * * 4',
    add column pod_size int not null default 2 check (pod_size between 2 and 4),
    -- After-class hours in the recipient's time zone: scheduled messages wait for this window on a school day.
    add column send_from time not null default '15:00',
    add column send_until time not null default '19:00';

-- School breaks (inclusive dates in the workspace's time zone): no rounds, nudges or pulses inside.
create table school_breaks (
    id bigint generated always as identity primary key,
    workspace_id uuid not null references workspaces(id) on delete cascade,
    starts date not null,
    ends date not null,
    check (ends >= starts)
);
create index school_breaks_workspace on school_breaks (workspace_id);
