package warc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// MaxHeaderBytes caps a record's header: real headers are a few hundred
// bytes, and a cap keeps a corrupt file from filling memory.
const MaxHeaderBytes = 64 << 10

var (
	// ErrTruncated: the file ends, or a gzip member ends, inside a record.
	ErrTruncated = errors.New("truncated record")
	// ErrCorrupt: a record's header or compression is broken.
	ErrCorrupt = errors.New("corrupt record")
)

// RecordError reports a record that could not be read. Reading can go on:
// the next call to Next skips to the following record.
type RecordError struct {
	// Offset is where the record starts in the file: for a .warc.gz, the
	// offset of its gzip member.
	Offset int64
	Err    error
}

func (e *RecordError) Error() string { return fmt.Sprintf("record at offset %d: %v", e.Offset, e.Err) }
func (e *RecordError) Unwrap() error { return e.Err }

// Record is one WARC record. Block is valid until the next call to Next.
type Record struct {
	// Offset is where the record starts in the file; for a .warc.gz, the
	// offset of the gzip member holding it.
	Offset int64
	// Version is the version line, such as "WARC/1.1".
	Version string
	Header  textproto.MIMEHeader
	// Block reads the record's content block, Content-Length bytes. A
	// read that finds the file cut short fails with ErrTruncated.
	Block io.Reader
}

// Type is the WARC-Type field: "response", "request", "warcinfo", ...
func (r *Record) Type() string { return strings.TrimSpace(r.Header.Get("WARC-Type")) }

// TargetURI is the WARC-Target-URI field, without the angle brackets that
// some WARC 1.1 writers put around it.
func (r *Record) TargetURI() string {
	u := strings.TrimSpace(r.Header.Get("WARC-Target-URI"))
	if len(u) >= 2 && u[0] == '<' && u[len(u)-1] == '>' {
		u = u[1 : len(u)-1]
	}
	return u
}

// Date is the WARC-Date field, when the capture happened; zero when it is
// missing or not an ISO 8601 time.
func (r *Record) Date() time.Time {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(r.Header.Get("WARC-Date")))
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

// ContentType is the Content-Type of the block, such as
// "application/http; msgtype=response".
func (r *Record) ContentType() string { return strings.TrimSpace(r.Header.Get("Content-Type")) }

// Reader reads records from a WARC file.
type Reader struct {
	src *source
	// compressed is set once the first byte shows gzip.
	compressed, sniffed bool
	gz                  *gzip.Reader
	// in is where records are read: src itself, or the decompressed
	// current gzip member.
	in          *bufio.Reader
	inMember    bool
	memberStart int64

	block     *blockReader
	recOffset int64
	// resync says the last record was broken: skip to the next one.
	resync bool
	// fatal is an I/O error of the underlying reader; it ends reading.
	fatal error
}

// NewReader returns a Reader of the WARC file r, plain or gzip-compressed
// (detected from its first bytes).
func NewReader(r io.Reader) *Reader {
	return &Reader{src: newSource(r)}
}

// Next returns the next record, or io.EOF after the last. A record that
// cannot be read is returned as a *RecordError, and the following call
// goes on with the next record; any other error (an I/O error of the
// underlying reader) ends reading.
func (r *Reader) Next() (*Record, error) {
	if r.fatal != nil {
		return nil, r.fatal
	}
	if b := r.block; b != nil {
		r.block = nil
		if b.err != nil {
			// The caller has had the error from Block already.
			if err := r.blockFailed(b.err); err != nil {
				return nil, err
			}
		} else if _, err := io.Copy(io.Discard, b); err != nil {
			return nil, r.recordError(r.recOffset, err)
		}
	}
	if !r.sniffed {
		r.sniffed = true
		head, _ := r.src.Peek(2)
		r.compressed = len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b
		if !r.compressed {
			r.in = r.src.br
			r.src.plain = true
		}
	}
	if r.resync {
		r.resync = false
		if err := r.skipBroken(); err != nil {
			return nil, err
		}
	}
	off, err := r.nextStart()
	if err != nil {
		return nil, err
	}
	rec, err := r.readHeader(off)
	if err != nil {
		return nil, r.recordError(off, err)
	}
	return rec, nil
}

// recordError classifies err for the record at off and marks the reader
// to resynchronise; an I/O error of the source is fatal instead.
func (r *Reader) recordError(off int64, err error) error {
	if r.src.err != nil && r.src.err != io.EOF {
		r.fatal = fmt.Errorf("read: %w", r.src.err)
		return r.fatal
	}
	r.resync = true
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, ErrTruncated), errors.Is(err, ErrCorrupt):
	case err == io.EOF, errors.Is(err, io.ErrUnexpectedEOF):
		err = ErrTruncated
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum), errors.As(err, &corrupt):
		err = fmt.Errorf("%w: %w", ErrCorrupt, err)
	default:
		err = fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return &RecordError{Offset: off, Err: err}
}

// blockFailed notes a broken block whose error the caller has seen: the
// reader resynchronises, unless the source itself failed.
func (r *Reader) blockFailed(err error) error {
	if r.src.err != nil && r.src.err != io.EOF {
		r.fatal = fmt.Errorf("read: %w", r.src.err)
		return r.fatal
	}
	r.resync = true
	return nil
}

// nextStart moves to the start of the next record and returns its offset,
// or io.EOF at the end of the file.
func (r *Reader) nextStart() (int64, error) {
	if !r.compressed {
		if err := skipBlankLines(r.in); err != nil {
			return 0, r.endOfInput(err)
		}
		return r.src.pos(), nil
	}
	for {
		if r.inMember {
			err := skipBlankLines(r.in)
			if err == nil {
				return r.memberStart, nil
			}
			r.inMember = false
			r.src.endMember()
			if err != io.EOF {
				return 0, r.recordError(r.memberStart, err)
			}
		}
		head, err := r.src.Peek(2)
		if len(head) == 0 {
			return 0, r.endOfInput(err)
		}
		if len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b {
			// Blank lines between members are harmless; anything else
			// is junk to skip.
			if c := head[0]; c == '\r' || c == '\n' {
				r.src.Discard(1)
				continue
			}
			off := r.src.pos()
			r.src.endMember()
			r.resync = true
			return 0, &RecordError{Offset: off, Err: fmt.Errorf("%w: no gzip member at this offset", ErrCorrupt)}
		}
		if err := r.openMember(); err != nil {
			return 0, err
		}
	}
}

// openMember starts decompressing the gzip member at the current offset.
func (r *Reader) openMember() error {
	r.memberStart = r.src.pos()
	r.src.startMember()
	var err error
	if r.gz == nil {
		r.gz, err = gzip.NewReader(r.src)
	} else {
		err = r.gz.Reset(r.src)
	}
	if err != nil {
		return r.recordError(r.memberStart, err)
	}
	r.gz.Multistream(false)
	if r.in == nil {
		r.in = bufio.NewReaderSize(r.gz, 32<<10)
	} else {
		r.in.Reset(r.gz)
	}
	r.inMember = true
	return nil
}

func (r *Reader) endOfInput(err error) error {
	if err == io.EOF {
		return io.EOF
	}
	r.fatal = fmt.Errorf("read: %w", err)
	return r.fatal
}

// skipBroken skips what is left of a broken record: in a compressed file,
// the rest of its gzip member (to the next gzip header, if the member is
// itself broken); in a plain file, everything up to the next line that
// starts with "WARC/".
func (r *Reader) skipBroken() error {
	if r.compressed {
		if r.inMember {
			// The member's compression may be sound with only the
			// record broken: read on to a version line or the end of
			// the member.
			err := skipToVersionLine(r.in)
			if err == nil {
				return nil
			}
			r.inMember = false
			if err == io.EOF {
				// The member ended cleanly: the next one starts here.
				r.src.endMember()
				return nil
			}
		}
		// Broken compressed data can run the decompressor past the
		// end of its member: look for the next member in what the
		// broken one consumed before looking further on.
		if r.src.replayMember() {
			return nil
		}
		return r.src.skipToGzipHeader(r.memberStart)
	}
	if err := skipToVersionLine(r.in); err != nil && err != io.EOF {
		return r.endOfInput(err)
	}
	return nil
}

// skipToVersionLine discards lines until one that starts with "WARC/1.",
// which it leaves unread.
func skipToVersionLine(br *bufio.Reader) error {
	atLineStart := true
	for {
		if atLineStart {
			head, err := br.Peek(7)
			if string(head) == "WARC/1." {
				return nil
			}
			if err != nil && len(head) < 7 {
				br.Discard(len(head))
				return err
			}
		}
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			atLineStart = false
			continue
		}
		if err != nil {
			_ = line
			return err
		}
		atLineStart = true
	}
}

func skipBlankLines(br *bufio.Reader) error {
	for {
		c, err := br.ReadByte()
		if err != nil {
			return err
		}
		if c != '\r' && c != '\n' {
			return br.UnreadByte()
		}
	}
}

// readHeader reads the version line and the named fields of a record that
// starts at off.
func (r *Reader) readHeader(off int64) (*Record, error) {
	budget := MaxHeaderBytes
	version, err := readHeaderLine(r.in, &budget)
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(version, "WARC/") {
		return nil, fmt.Errorf("%w: no WARC version line (found %.40q)", ErrCorrupt, version)
	}
	h := textproto.MIMEHeader{}
	var last string
	for {
		line, err := readHeaderLine(r.in, &budget)
		if err != nil {
			return nil, err
		}
		if line == "" {
			break
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" {
			vs := h[last]
			vs[len(vs)-1] += " " + strings.TrimSpace(line)
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return nil, fmt.Errorf("%w: bad header line %.60q", ErrCorrupt, line)
		}
		last = textproto.CanonicalMIMEHeaderKey(name)
		h[last] = append(h[last], strings.TrimSpace(value))
	}
	n, err := strconv.ParseInt(strings.TrimSpace(h.Get("Content-Length")), 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("%w: missing or invalid Content-Length %q", ErrCorrupt, h.Get("Content-Length"))
	}
	r.block = &blockReader{r: r.in, n: n}
	if r.compressed {
		// Reading a block to its end also reads the rest of its gzip
		// member, so that a failed checksum is the block's error.
		in := r.in
		r.block.trailer = func() error {
			if err := skipBlankLines(in); err != nil && err != io.EOF {
				return err
			}
			return nil
		}
	}
	r.recOffset = off
	return &Record{Offset: off, Version: strings.TrimSpace(version), Header: h, Block: r.block}, nil
}

// readHeaderLine reads one line without its line ending, charging it to
// budget.
func readHeaderLine(br *bufio.Reader, budget *int) (string, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		*budget -= len(chunk)
		if *budget < 0 {
			return "", fmt.Errorf("%w: header longer than %d bytes", ErrCorrupt, MaxHeaderBytes)
		}
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			if err == io.EOF {
				err = ErrTruncated
			}
			return "", err
		}
		return string(bytes.TrimRight(buf, "\r\n")), nil
	}
}

// blockReader reads a record's block: n bytes, and ErrTruncated if the
// input ends first.
type blockReader struct {
	r *bufio.Reader
	n int64
	// err is the first error handed to the caller.
	err error
	// trailer, if set, checks what follows the block.
	trailer func() error
}

func (b *blockReader) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.read(p)
	if err != nil && err != io.EOF {
		b.err = err
	}
	return n, err
}

func (b *blockReader) read(p []byte) (int, error) {
	if b.n <= 0 {
		if t := b.trailer; t != nil {
			b.trailer = nil
			if err := t(); err != nil {
				return 0, blockError(err)
			}
		}
		return 0, io.EOF
	}
	if int64(len(p)) > b.n {
		p = p[:b.n]
	}
	n, err := b.r.Read(p)
	b.n -= int64(n)
	if err == io.EOF {
		if b.n > 0 {
			return n, fmt.Errorf("%w: %d bytes missing", ErrTruncated, b.n)
		}
		err = nil
	}
	if err != nil {
		err = blockError(err)
	}
	return n, err
}

// blockError marks a decompression error as ErrTruncated or ErrCorrupt.
func blockError(err error) error {
	if errors.Is(err, ErrTruncated) || errors.Is(err, ErrCorrupt) {
		return err
	}
	var corrupt flate.CorruptInputError
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: %w", ErrTruncated, err)
	} else if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.As(err, &corrupt) {
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return err
}

// source is the compressed or plain file, read through a buffer, that
// knows the offset of the next byte it hands out. While a gzip member is
// being decompressed it keeps the member's compressed bytes, up to
// maxReplay, so that after a corruption the search for the next member can
// start inside the broken one.
type source struct {
	br  *bufio.Reader
	off int64
	// err is the underlying reader's first error, io.EOF included.
	err error
	// member holds the bytes consumed since the current member started;
	// nil when no member is open or it outgrew maxReplay.
	member []byte
	inTee  bool
	// plain is set for an uncompressed file, whose records are read
	// straight from br: the offset is then what br has consumed.
	plain bool
	cr    *countingReader
}

// maxReplay bounds what a broken member can be searched for the next one:
// compressed news pages are tens of kilobytes.
const maxReplay = 4 << 20

func newSource(r io.Reader) *source {
	s := &source{}
	s.cr = &countingReader{r: r, s: s}
	s.br = bufio.NewReaderSize(s.cr, 64<<10)
	return s
}

func (s *source) pos() int64 {
	if s.plain {
		return s.cr.n - int64(s.br.Buffered())
	}
	return s.off
}

func (s *source) consumed(p []byte) {
	s.off += int64(len(p))
	if s.inTee {
		if len(s.member)+len(p) > maxReplay {
			s.inTee, s.member = false, nil
			return
		}
		s.member = append(s.member, p...)
	}
}

func (s *source) Read(p []byte) (int, error) {
	n, err := s.br.Read(p)
	s.consumed(p[:n])
	return n, err
}

func (s *source) ReadByte() (byte, error) {
	c, err := s.br.ReadByte()
	if err != nil {
		return c, err
	}
	s.off++
	if s.inTee {
		if len(s.member) >= maxReplay {
			s.inTee, s.member = false, nil
		} else {
			s.member = append(s.member, c)
		}
	}
	return c, nil
}

func (s *source) Peek(n int) ([]byte, error) { return s.br.Peek(n) }

func (s *source) Discard(n int) (int, error) {
	d, err := s.br.Discard(n)
	s.off += int64(d)
	return d, err
}

func (s *source) startMember() { s.member, s.inTee = s.member[:0], true }
func (s *source) endMember()   { s.member, s.inTee = s.member[:0], false }

var gzipMagic = []byte{0x1f, 0x8b, 0x08}

// replayMember looks for a gzip header in the bytes of the current member
// after its first; if there is one, reading starts again from it.
func (s *source) replayMember() bool {
	if !s.inTee || len(s.member) < 2 {
		s.endMember()
		return false
	}
	i := bytes.Index(s.member[1:], gzipMagic)
	if i < 0 {
		s.endMember()
		return false
	}
	rest := bytes.Clone(s.member[1+i:])
	s.off -= int64(len(rest))
	s.br = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(rest), s.br), 64<<10)
	s.endMember()
	return true
}

// skipToGzipHeader discards bytes up to the next gzip header that does
// not start at broken, which it leaves unread; at the end of the input it
// returns nil with nothing left.
func (s *source) skipToGzipHeader(broken int64) error {
	s.endMember()
	magic := gzipMagic
	if s.pos() == broken {
		if _, err := s.Discard(1); err != nil {
			return nil
		}
	}
	for {
		buf, err := s.br.Peek(s.br.Size())
		if i := bytes.Index(buf, magic); i >= 0 {
			s.Discard(i)
			return nil
		}
		if err != nil {
			s.Discard(len(buf))
			if err == io.EOF {
				return nil
			}
			return fmt.Errorf("read: %w", err)
		}
		// Keep the tail, in case the magic straddles two reads.
		s.Discard(len(buf) - len(magic) + 1)
	}
}

// countingReader notes the underlying reader's first error.
type countingReader struct {
	r io.Reader
	n int64
	s *source
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if err != nil && c.s.err == nil {
		c.s.err = err
	}
	return n, err
}
