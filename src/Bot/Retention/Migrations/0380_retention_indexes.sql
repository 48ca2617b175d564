-- The retention sweep finds delivered messages by when they were sent.
create index if not exists outbox_sent_at on outbox (sent_at) where state = 'sent';
