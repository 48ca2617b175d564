-- The start-up smoke job is gone (nothing but a test read its rows); Hangfire's own job table shows that jobs run.
drop table if exists job_heartbeats;
