-- A closed pulse is counted once, when it closes: reports read these few rows instead of every answer.
create table pulse_tallies (
    pulse_id uuid not null references pulses(id) on delete cascade,
    cohort text,
    question smallint not null,
    value smallint not null,
    answers int not null
);
create index pulse_tallies_pulse on pulse_tallies (pulse_id);

-- Asked and answered, frozen at closing (null while open: counted live from participation).
alter table pulses add column invited int, add column answered int;
