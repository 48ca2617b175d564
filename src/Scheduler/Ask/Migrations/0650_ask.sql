-- Ask a colleague (#17): a question goes to the peers who fit it; the asker stays anonymous unless they signed it.
create table ask_questions (
    id uuid primary key,
    workspace_id uuid not null references workspaces(id) on delete cascade,
    body text not null,
    tags text[] not null default '{}',
    -- Who asked: held only while answers are being relayed. Closing the question erases it, and so does `leave`.
    asker_member_id uuid references members(id) on delete set null,
    -- The name helpers were shown, for a question signed with `ask named`; null for an anonymous one.
    asker_name text,
    state text not null default 'open' check (state in ('open', 'closed')),
    -- Reported: hidden at once, never offered, answered or relayed again.
    hidden boolean not null default false,
    -- The routing step reached: 1 first peers asked, 2 next peers, 3 peer-support channel, 4 the asker told.
    stage int not null default 1,
    asked_at timestamptz not null,
    closes_at timestamptz not null,
    first_answer_at timestamptz
);
create index ask_questions_asker on ask_questions (asker_member_id, asked_at) where asker_member_id is not null;
create index ask_questions_workspace on ask_questions (workspace_id, asked_at);
create index ask_questions_due on ask_questions (closes_at) where state = 'open';

-- Whom a question was offered to (and who claimed it); deleted when the question closes.
create table ask_offers (
    question_id uuid not null references ask_questions(id) on delete cascade,
    member_id uuid not null references members(id) on delete cascade,
    stage int not null,
    state text not null default 'offered' check (state in ('offered', 'claimed', 'declined')),
    primary key (question_id, member_id)
);

create table ask_answers (
    id uuid primary key,
    question_id uuid not null references ask_questions(id) on delete cascade,
    -- The helper; null once they left (their answer and tips then read "a colleague").
    helper_member_id uuid references members(id) on delete set null,
    body text not null,
    answered_at timestamptz not null,
    -- The asker's one reply through PeerBot.
    reply text,
    helped boolean not null default false,
    hidden boolean not null default false,
    -- Saved as a tip by the asker: `tips <topic>` finds it, with the helper's name and never the asker's.
    tip boolean not null default false,
    unique (question_id, helper_member_id)
);
create index ask_answers_helper on ask_answers (helper_member_id) where helper_member_id is not null;

-- The workspace's peer-support channel (`admin support here`): questions nobody claimed for two school days are posted there.
create table ask_channels (
    workspace_id uuid primary key references workspaces(id) on delete cascade,
    channel_id text not null,
    channel_name text
);

-- A signed question's name goes with its asker when they leave.
create function ask_forget_asker() returns trigger language plpgsql as $$
begin
    update ask_questions set asker_name = null where asker_member_id = old.id;
    return old;
end $$;
create trigger members_forget_asker before delete on members for each row execute function ask_forget_asker();
