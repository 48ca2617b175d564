-- Where PeerBot can reach someone in Teams: the conversation reference of each chat it is in.
-- Personal chats name a person (user_id) who may not have joined yet; the row is linked to the
-- member when they join, and erased with them on leave (member_id cascade).
create table teams_conversations (
    workspace_id uuid not null references workspaces(id) on delete cascade,
    conversation_id text not null,
    conversation_type text not null,
    service_url text not null,
    bot_id text not null,
    user_id text,
    user_name text,
    time_zone text,
    member_id uuid references members(id) on delete cascade,
    welcomed_at timestamptz,
    updated_at timestamptz not null default now(),
    primary key (workspace_id, conversation_id)
);
create unique index teams_conversations_personal on teams_conversations (workspace_id, user_id) where conversation_type = 'personal';
create index teams_conversations_member on teams_conversations (member_id);

-- Links a personal chat to the member as soon as that person joins.
create function teams_link_member() returns trigger language plpgsql as $$
begin
    update teams_conversations set member_id = new.id
     where workspace_id = new.workspace_id and user_id = new.external_user_id and conversation_type = 'personal';
    return new;
end $$;
create trigger teams_link_member after insert on members for each row execute function teams_link_member();

-- One row per recipient of a delivery: a retried pair introduction skips who already got their copy.
create table teams_deliveries (
    delivery_key text not null,
    member_id uuid not null references members(id) on delete cascade,
    activity_id text not null,
    delivered_at timestamptz not null default now(),
    primary key (delivery_key, member_id)
);
