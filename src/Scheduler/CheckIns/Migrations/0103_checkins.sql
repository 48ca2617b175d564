-- Weekly check-ins: did the pair (or pod) meet this week? One answer per person per pairing per week.
create table checkins (
    pairing_id uuid not null references pairings(id) on delete cascade,
    member_id uuid not null references members(id) on delete cascade,
    week date not null,
    answer text not null check (answer in ('met', 'not_yet', 'skip')),
    rating int check (rating between 1 and 5),
    answered_at timestamptz not null,
    primary key (pairing_id, member_id, week)
);
