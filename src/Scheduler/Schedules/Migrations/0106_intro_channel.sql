-- Where pairs and pods are introduced: null = a conversation of their own (Slack group DM, Teams 1:1 copies);
-- otherwise a channel an admin chose with `admin intros here` (Teams: one new thread per pair or pod, mentioning them).
alter table workspaces add column intro_channel text, add column intro_channel_name text;
