// Package warc reads and writes WARC files (ISO 28500, versions 1.0 and
// 1.1), plain or gzip-compressed, record by record.
//
// The Reader streams: it holds one record's header (at most MaxHeaderBytes)
// and hands out the block as a reader limited to its Content-Length, so a
// multi-gigabyte file is read in constant memory. It says where each record
// starts: the byte offset in the file, which for a .warc.gz is the offset of
// the gzip member holding the record (what CDX indexes call the offset). A
// truncated or corrupt record is returned as a *RecordError naming that
// offset, and the next call to Next resynchronises on the following record:
// the next gzip member, or the next "WARC/" version line.
//
// It parses the HTTP messages inside response records (HTTPResponse) but
// does not interpret their content: deciding what is an article is the
// caller's business. It neither verifies digests nor follows revisit
// records.
//
// The Writer writes what the tests and benchmarks need: warcinfo-free files
// of response, request and resource records, each record its own gzip
// member when compressed, as crawlers write them.
package warc
