-- Whether a workspace's recurring jobs are registered in Hangfire: 'pending' (new workspace, or reinstalled),
-- 'synced', or 'stopped' (uninstalled: nothing may be scheduled until it is installed again).
alter table workspaces
    add column schedules text not null default 'pending' check (schedules in ('pending', 'synced', 'stopped'));
