// Package postgres is the wiretrace.Store kept in a PostgreSQL database: one
// index that many processes on many machines add to and check against at
// once, and whose tables are keyed so that a distributed engine speaking
// PostgreSQL's protocol (Citus, CockroachDB, YugabyteDB), or stock
// PostgreSQL with foreign partitions, can hash them across servers.
//
// A store is the set of tables in one schema of a database, named by a URL:
//
//	postgres://user@host/db?schema=news
//
// (schema "wiretrace" when the URL names none; every other parameter is
// the driver's). The schema's layout is versioned and made by the SQL
// migrations embedded in this package; Open applies the missing ones to
// an older store and refuses a newer one (wiretrace.ErrFormatVersion).
//
// What the database is trusted with, and what this package does itself:
//
//   - Every Add is one transaction (READ COMMITTED): all of its entries are
//     stored, or none. Unique keys on texts and IDs decide the races
//     between processes adding the same text or ID at once; the loser's
//     transaction fails with a unique violation, and the package runs it
//     again, when the winner's rows are visible and its entries become
//     duplicates, appearances or ID conflicts. An acknowledged Add was
//     committed: it is as durable as the server makes commits
//     (synchronous_commit).
//   - A check is one statement: the postings of all of the suspect's
//     fingerprints, counted and ranked in the database, joined to the
//     records of the best candidates.
//   - Remove locks the article's row first; an appearance's foreign key to
//     its article makes a concurrent Add of that appearance wait, fail and
//     run again, so that no appearance outlives its article.
//
// Shard lays a new store out with its big tables hash-partitioned over
// other PostgreSQL servers through postgres_fdw, the shape a distributed
// engine would give them; Open then opens it as any store. Scan lists a
// store's articles in the order of storing, for linking story families
// and for copying it. The engine's notes (story families) are a table of
// their own, keyed by bytes, kept on the coordinator of a sharded store.
// docs/scale.md says what was measured and how to deploy at scale.
//
// The package stores what it is given. It does not normalise text, compute
// fingerprints or judge articles, and it never logs unless given a logger.
// It may import the root package only.
package postgres
