-- Socket Mode: Slack sends an envelope again when its acknowledgement did not arrive (a slow ack, a dropped socket), and
-- with several instances connected the retry may reach another one. One row per slash command or interaction envelope,
-- claimed for a short lease while it runs and marked handled once its handler finished, so each is handled once.
-- (Events API envelopes are deduplicated by event_id in slack_events.)
create table slack_socket_envelopes (
    envelope_id text primary key,
    envelope_type text not null,
    received_at timestamptz not null default now(),
    claimed_until timestamptz,
    handled_at timestamptz
);
create index slack_socket_envelopes_received on slack_socket_envelopes (received_at);
