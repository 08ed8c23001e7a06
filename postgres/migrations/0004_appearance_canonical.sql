-- Format 4: an appearance's canonical URL (wiretrace.Appearance.Canonical),
-- the URL the page that ran the text again gives for itself: a syndicated
-- copy often names its source's page. Most have none: the empty string,
-- as for the other text columns.
--
-- A column of appearances, co-located with articles on the shards: a
-- sharded store's partitions need it too, so a sharded store of an older
-- format is not upgraded when opened. A constant default fills the
-- existing rows without rewriting the table.

ALTER TABLE appearances ADD COLUMN canonical text NOT NULL DEFAULT '';
