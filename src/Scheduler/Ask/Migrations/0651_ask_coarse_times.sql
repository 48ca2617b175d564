-- A closed question keeps only the day it was asked: an exact time could be matched against any other time the asker
-- left (a Teams conversation touched, a command logged). The time to a first answer, which coaches see as a median,
-- is kept as a duration instead.
alter table ask_questions add column first_answer_seconds double precision;
update ask_questions set first_answer_seconds = extract(epoch from first_answer_at - asked_at) where first_answer_at is not null;
update ask_questions set asked_at = date_trunc('day', asked_at, 'UTC'), closes_at = date_trunc('day', closes_at, 'UTC'), first_answer_at = null
where state = 'closed';
