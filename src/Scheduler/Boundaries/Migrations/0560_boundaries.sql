-- A member's confidential never-pair list: only its owner ever reads it; rounds, mentor requests, find and say-hi honour it.
create table never_pairs (
    workspace_id uuid not null references workspaces(id) on delete cascade,
    user_id text not null,
    other_user_id text not null,
    added_at timestamptz not null default now(),
    primary key (workspace_id, user_id, other_user_id),
    check (user_id <> other_user_id)
);
create index never_pairs_other on never_pairs (workspace_id, other_user_id);

-- Who evaluates whom (set by admins): one person, or everyone whose profile names a school.
create table evaluators (
    workspace_id uuid not null references workspaces(id) on delete cascade,
    evaluator_user_id text not null,
    teacher_user_id text,
    school text,
    added_at timestamptz not null default now(),
    check ((teacher_user_id is null) <> (school is null)),
    check (teacher_user_id is null or teacher_user_id <> evaluator_user_id)
);
create unique index evaluators_unique on evaluators (workspace_id, evaluator_user_id, coalesce(teacher_user_id, ''), lower(coalesce(school, '')));
create index evaluators_teacher on evaluators (workspace_id, teacher_user_id);
