-- A name the member typed (name:…) wins over the platform's display name, which PeerBot otherwise keeps fresh.
alter table members add column name_given boolean not null default false;
