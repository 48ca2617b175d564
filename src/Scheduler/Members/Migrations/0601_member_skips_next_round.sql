-- "Skip this one": out of the next full pairing round only; the round that leaves the member out clears it.
alter table members add column skips_next_round boolean not null default false;
