-- Answers are no longer kept one row per answer. An answer is counted straight into its pulse's tallies, in the
-- transaction that marks the member as having answered, and that transaction rewrites every tally row of the pulse
-- (changed or not): all rows carry the same transaction id and nothing shows which counts moved. Reports read
-- tallies of closed pulses only. See README, "Anonymity design".

-- One row per (pulse, cohort, question, value): counted into, never appended to.
create unique index pulse_tallies_cell on pulse_tallies (pulse_id, cohort, question, value) nulls not distinct;
drop index pulse_tallies_pulse;

-- Open pulses' answers move into tallies (closed ones were counted when they closed).
insert into pulse_tallies (pulse_id, cohort, question, value, answers)
select a.pulse_id, a.cohort, a.question, a.value, count(*)::int
from pulse_answers a join pulses p on p.id = a.pulse_id
where not p.closed
group by a.pulse_id, a.cohort, a.question, a.value
on conflict (pulse_id, cohort, question, value) do update set answers = pulse_tallies.answers + excluded.answers;
drop table pulse_answers;

-- The cohort a member was invited in: a later move changes future pulses only.
alter table pulse_participation add column cohort text;
update pulse_participation x set cohort = m.cohort from members m where m.id = x.member_id;

-- Whether the reminder went out (the sweeper sends it when the scheduled job never ran).
alter table pulses add column reminded boolean not null default false;
update pulses set reminded = true where closed or opened_at < now() - interval '2 days';

-- A closed pulse names nobody: who was asked and who answered go, with their invitation and reminder rows.
delete from outbox o using pulses p where p.closed and o.delivery_key like 'pulse:' || replace(p.id::text, '-', '') || ':%';
delete from pulse_participation x using pulses p where p.id = x.pulse_id and p.closed;

create index pulses_due on pulses (closes_at) where not closed;
