-- A message for several people may go to a shared channel the workspace chose (Teams: a new thread in it)
-- instead of a conversation of just those people. Null: the platform's own conversation for the recipients.
alter table outbox add column conversation text;
