-- The video-call link an admin chose with `admin video https://…` (null: none); "{pair}" in it becomes each pairing's own room.
alter table workspaces add column video_link text;
