-- Format 3: the article's slug (wiretrace.Article.Slug), the name a news
-- agency files a story under, the same on every take and version of one
-- story. Most articles have none: the empty string, as for the other
-- text columns of articles.
--
-- A column of articles, a big table: a sharded store's partitions need it
-- too, so a sharded store of an older format is not upgraded when opened.
-- A constant default fills the existing rows without rewriting the table.

ALTER TABLE articles ADD COLUMN slug text NOT NULL DEFAULT '';
