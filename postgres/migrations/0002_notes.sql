-- Format 2: the engine's notes (wiretrace.Store.PutNotes), a key space apart
-- from the articles where it keeps what it derives from them (story
-- families). The store keeps them as given and never reads them.
--
-- Keys are bytea, not text: a key is any Go string, compared byte for byte
-- (bytea's order), and may hold bytes that text refuses (NUL, invalid
-- UTF-8). A scan by prefix is a range of the primary key.
--
-- Notes are few beside the postings and read by key or prefix: a sharded
-- store keeps the table on its coordinator, like meta and sites.

CREATE TABLE notes (
	key   bytea PRIMARY KEY,
	value bytea NOT NULL
);
