-- Format 1 of the PostgreSQL store: one schema holds one store.
--
-- The big tables are keyed by the column a distributed deployment hashes
-- them on (docs/scale.md), and every unique constraint includes that
-- column, so that each shard can enforce it alone:
--   articles     by seq           (one row per stored article)
--   appearances  by article (seq) (co-located with articles)
--   ids          by id            (every ID: articles' and appearances')
--   texts        by hash          (one row per stored text)
--   postings     by fingerprint   (one row per fingerprint of an article)
--   bylines      by name          (one row per author key of an article)
-- meta and sites are small: one row per setting and per site.
--
-- Keys that Go compares byte for byte (IDs, sites, author keys) use the C
-- collation, so that the database orders them as Go does, and faster.

CREATE TABLE meta (
	key   text PRIMARY KEY,
	value text NOT NULL
);

-- The order of storing: articles' seqs and appearances' places. Values
-- are never given twice; those of a rolled back add are skipped.
CREATE SEQUENCE stored AS bigint;

CREATE TABLE articles (
	seq             bigint PRIMARY KEY,
	id              text COLLATE "C" NOT NULL,
	-- SHA-256 of body: the duplicate check's key, in texts.
	text_hash       bytea NOT NULL,
	-- How many distinct fingerprints were posted for the article.
	fingerprints    integer NOT NULL,
	url             text NOT NULL,
	site            text COLLATE "C" NOT NULL,
	title           text NOT NULL,
	published       timestamptz,
	published_from  text NOT NULL,
	first_seen      timestamptz,
	first_seen_from text NOT NULL,
	byline          text[],
	language        text NOT NULL,
	canonical       text NOT NULL,
	-- The text byte for byte: bytea, not text, so that no byte sequence
	-- is refused or changed.
	body            bytea NOT NULL
);
-- Texts go compressed into the row as soon as the row passes 512 bytes
-- rather than 2 KB: most news articles are 1 to 5 KB.
ALTER TABLE articles SET (toast_tuple_target = 512);
-- Stats reads the earliest and latest times through these.
CREATE INDEX articles_first_seen ON articles (first_seen) WHERE first_seen IS NOT NULL;
CREATE INDEX articles_published ON articles (published) WHERE published IS NOT NULL;

CREATE TABLE appearances (
	-- The article whose text appeared again. The foreign key makes an
	-- add of an appearance and a removal of its article wait for each
	-- other: one of them fails and is retried, and no appearance is left
	-- without its article.
	article         bigint NOT NULL REFERENCES articles (seq),
	-- The place in the order of storing, from the sequence.
	pos             bigint NOT NULL,
	id              text COLLATE "C" NOT NULL,
	url             text NOT NULL,
	site            text COLLATE "C" NOT NULL,
	published       timestamptz,
	published_from  text NOT NULL,
	first_seen      timestamptz,
	first_seen_from text NOT NULL,
	PRIMARY KEY (article, pos)
);

CREATE TABLE ids (
	id  text COLLATE "C" PRIMARY KEY,
	seq bigint NOT NULL
);

CREATE TABLE texts (
	hash bytea PRIMARY KEY,
	seq  bigint NOT NULL
);

-- Fingerprints are unsigned 64-bit values stored as their two's
-- complement bigint: only equality matters.
CREATE TABLE postings (
	fingerprint bigint NOT NULL,
	seq         bigint NOT NULL,
	PRIMARY KEY (fingerprint, seq)
);

CREATE TABLE bylines (
	-- wiretrace.BylineKey of an author name.
	name text COLLATE "C" NOT NULL,
	seq  bigint NOT NULL,
	-- The article's site, so that Bylines reads this table alone.
	site text COLLATE "C" NOT NULL,
	PRIMARY KEY (name, seq)
);

CREATE TABLE sites (
	site        text COLLATE "C" PRIMARY KEY,
	articles    bigint NOT NULL,
	appearances bigint NOT NULL
);

-- The store's size in bytes, split as wiretrace.Stats does: records
-- (articles and appearances) and the rest. A sharded layout replaces
-- this view with one that adds up its shards.
CREATE VIEW sizes AS
SELECT coalesce(sum(pg_total_relation_size(c.oid)) FILTER (WHERE c.relname IN ('articles', 'appearances')), 0)::bigint AS text_bytes,
       coalesce(sum(pg_total_relation_size(c.oid)) FILTER (WHERE c.relname NOT IN ('articles', 'appearances')), 0)::bigint AS index_bytes
FROM pg_class c
WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'S');
