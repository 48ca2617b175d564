-- Quiet members: after this many full rounds in which their pairings never met and they answered no check-in,
-- a member is paused with a kind note (quiet_since) until they tap "I'm back" (back_at starts the count afresh).
alter table workspaces add column quiet_rounds int not null default 3 check (quiet_rounds between 1 and 12);
alter table members add column quiet_since timestamptz, add column back_at timestamptz;
