-- The person's Azure AD object id, as Teams sends it (from.aadObjectId): PeerBot__Admins names Teams admins by it.
alter table teams_conversations add column user_aad_id text;
