package ingest

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/text"
)

// want is an expected item. err is a sentinel the item's error must wrap,
// or errAny; msg is a part of its message.
type want struct {
	input   string
	err     error
	msg     string
	article wiretrace.Article
	enc     text.Encoding
}

// errAny stands for an error that has no portable sentinel.
var errAny = errors.New("any error")

func readAll(t *testing.T, paths []string, stdin *strings.Reader) []Item {
	t.Helper()
	var items []Item
	var err error
	if stdin == nil {
		err = Read(context.Background(), paths, nil, func(it Item) error {
			items = append(items, it)
			return nil
		})
	} else {
		err = Read(context.Background(), paths, stdin, func(it Item) error {
			items = append(items, it)
			return nil
		})
	}
	if err != nil {
		t.Fatalf("Read(%q) = %v", paths, err)
	}
	return items
}

func checkItems(t *testing.T, got []Item, wants []want) {
	t.Helper()
	for i := range max(len(got), len(wants)) {
		if i >= len(got) {
			t.Errorf("missing item %d: want %+v", i, wants[i])
			continue
		}
		g := got[i]
		if i >= len(wants) {
			t.Errorf("extra item %d: %+v", i, g)
			continue
		}
		w := wants[i]
		if g.Input != w.input {
			t.Errorf("item %d: Input = %q, want %q", i, g.Input, w.input)
		}
		switch {
		case w.err == nil && g.Err != nil:
			t.Errorf("item %d (%s): unexpected error %v", i, g.Input, g.Err)
		case w.err == errAny && g.Err == nil:
			t.Errorf("item %d (%s): no error", i, g.Input)
		case w.err != nil && w.err != errAny && !errors.Is(g.Err, w.err):
			t.Errorf("item %d (%s): error = %v, want %v", i, g.Input, g.Err, w.err)
		case w.err != nil && !strings.Contains(g.Err.Error(), w.msg):
			t.Errorf("item %d (%s): error %q does not say %q", i, g.Input, g.Err, w.msg)
		}
		if w.err != nil {
			if g.Article.Text != "" {
				t.Errorf("item %d (%s): error item has text %q", i, g.Input, g.Article.Text)
			}
			continue
		}
		if !g.Article.Published.Equal(w.article.Published) {
			t.Errorf("item %d (%s): Published = %v, want %v", i, g.Input, g.Article.Published, w.article.Published)
		}
		g.Article.Published, w.article.Published = time.Time{}, time.Time{}
		if !reflect.DeepEqual(g.Article, w.article) {
			t.Errorf("item %d (%s): Article =\n%+v\nwant\n%+v", i, g.Input, g.Article, w.article)
		}
		if g.Decoding.Encoding != w.enc {
			t.Errorf("item %d (%s): Encoding = %q, want %q", i, g.Input, g.Decoding.Encoding, w.enc)
		}
	}
}

// Each case is a folder of testdata read as one path.
func TestReadCases(t *testing.T) {
	tests := []struct {
		name  string
		wants []want
	}{
		{"empty-file", []want{
			{input: "empty-file/empty.txt", err: text.ErrEmpty, msg: "empty"},
		}},
		{"blank-file", []want{
			{input: "blank-file/blank.txt", err: text.ErrEmpty, msg: "empty"},
		}},
		{"binary-file", []want{
			// Found in a directory, an image is skipped by its name.
			{input: "binary-file/photo.png", err: errAny, msg: "not an article file: .png"},
		}},
		{"windows-1252", []want{
			{input: "windows-1252/notice.txt", enc: text.Windows1252, article: wiretrace.Article{
				Title: "Harbour notice",
				Text:  "Harbour notice\r\n\r\nThe caf\u00e9 on the quay will close for the winter; its owner said \u201cwe will be back in March\u201d.\r\n",
			}},
		}},
		{"utf8-bom", []want{
			{input: "utf8-bom/bulletin.txt", enc: text.UTF8, article: wiretrace.Article{
				Title: "Tram line reopens after repairs",
				Text:  "\ufeff\n   Tram line reopens after repairs   \nThe number 4 tram runs again from Monday, the city said.\n",
			}},
		}},
		{"jsonl-broken-line", []want{
			{input: "jsonl-broken-line/feed.jsonl:1", enc: text.UTF8, article: wiretrace.Article{
				ID:            "quay-1",
				URL:           "https://harbour.example/news/quay",
				Site:          "harbour.example",
				Title:         "Quay repairs begin",
				Published:     time.Date(2024, 3, 4, 8, 30, 0, 0, time.UTC),
				PublishedFrom: wiretrace.FromInput,
				Text:          "Repairs to the old quay began on Monday.\nThe work will last six weeks.",
			}},
			{input: "jsonl-broken-line/feed.jsonl:3", err: ErrInvalidJSON, msg: "unexpected end of JSON input"},
			{input: "jsonl-broken-line/feed.jsonl:4", err: ErrNoText, msg: `no "text" field`},
			{input: "jsonl-broken-line/feed.jsonl:5", err: text.ErrEmpty, msg: `"text": empty input`},
			{input: "jsonl-broken-line/feed.jsonl:6", err: ErrPublished, msg: `"last Tuesday"`},
			{input: "jsonl-broken-line/feed.jsonl:7", err: ErrInvalidUTF8, msg: "not valid UTF-8"},
			{input: "jsonl-broken-line/feed.jsonl:9", enc: text.UTF8, article: wiretrace.Article{
				// The site is the registrable domain of the URL.
				URL:  "https://tide.example/a/7",
				Site: "tide.example",
				Text: "The tide gauge was replaced.",
			}},
			{input: "jsonl-broken-line/feed.jsonl:10", err: ErrNoText, msg: `no "text" field`},
			{input: "jsonl-broken-line/feed.jsonl:11", err: ErrInvalidJSON, msg: "cannot unmarshal number"},
			{input: "jsonl-broken-line/feed.jsonl:12", enc: text.UTF8, article: wiretrace.Article{
				ID:            "quay-10",
				Published:     time.Date(2024, 3, 5, 17, 0, 0, 0, time.UTC),
				PublishedFrom: wiretrace.FromInput,
				Text:          "Lights on the pier were tested \u201cat dusk\u201d.",
			}},
			{input: "jsonl-broken-line/feed.jsonl:13", err: ErrInvalidJSON, msg: "cannot unmarshal array"},
			{input: "jsonl-broken-line/feed.jsonl:14", enc: text.UTF8, article: wiretrace.Article{
				ID:   "quay-12",
				Text: "Last line, with no newline.",
			}},
		}},
		{"tree", []want{
			// Byte-wise lexical order: capitals sort before small
			// letters. Hidden files and folders are skipped.
			{input: "tree/D-upper.txt", enc: text.UTF8, article: wiretrace.Article{
				Title: "Upper case sorts first",
				Text:  "Upper case sorts first\nA name in capitals comes before lower-case names.\n",
			}},
			{input: "tree/a-first.txt", enc: text.UTF8, article: wiretrace.Article{
				Title: "Ferry timetable",
				Text:  "Ferry timetable\nFerries leave every hour from the north pier.\n",
			}},
			{input: "tree/b-sub/inner.txt", enc: text.UTF8, article: wiretrace.Article{
				Title: "Inner note",
				Text:  "Inner note\nThe lighthouse keeper retired after thirty years.\n",
			}},
			{input: "tree/b-sub/z.ndjson:1", enc: text.UTF8, article: wiretrace.Article{
				ID:   "sub-1",
				Text: "Gulls nested on the roof of the fish market.",
			}},
			{input: "tree/b-sub/z.ndjson:2", enc: text.UTF8, article: wiretrace.Article{
				ID:   "sub-2",
				Text: "The market will open an hour later in July.",
			}},
			{input: "tree/c.txt", enc: text.UTF8, article: wiretrace.Article{
				Title: "Last file",
				Text:  "Last file\nThe harbour master thanked the volunteers.\n",
			}},
		}},
	}
	t.Chdir("testdata")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkItems(t, readAll(t, []string{tt.name}, nil), tt.wants)
		})
	}
}

// A hidden file is skipped in a walk but read when named.
func TestReadNamedHiddenFile(t *testing.T) {
	items := readAll(t, []string{"testdata/tree/.hidden.txt"}, nil)
	checkItems(t, items, []want{
		{input: "testdata/tree/.hidden.txt", enc: text.UTF8, article: wiretrace.Article{
			Title: "Hidden",
			Text:  "Hidden\nThis draft must not be read.\n",
		}},
	})
}

// A 50 MB file is refused from its size, without reading it.
func TestReadTooLargeFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: no disk space is used.
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	items := readAll(t, []string{p}, nil)
	checkItems(t, items, []want{
		{input: p, err: ErrTooLarge, msg: "input too large: 52428800 bytes, limit 8388608"},
	})
}

// A JSON Lines file may be larger than the cap; only a line may not.
func TestReadTooLargeLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "feed.jsonl")
	big := `{"id":"big","text":"` + strings.Repeat("word ", (MaxArticleBytes+1<<20)/5) + `"}`
	content := `{"id":"before","text":"Before the big line."}` + "\n" +
		big + "\n" +
		`{"id":"after","text":"After the big line."}` + "\n"
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	items := readAll(t, []string{p}, nil)
	checkItems(t, items, []want{
		{input: p + ":1", enc: text.UTF8, article: wiretrace.Article{ID: "before", Text: "Before the big line."}},
		{input: p + ":2", err: ErrTooLarge, msg: "limit 8388608"},
		{input: p + ":3", enc: text.UTF8, article: wiretrace.Article{ID: "after", Text: "After the big line."}},
	})
	if msg := items[1].Err.Error(); !strings.Contains(msg, ": "+strconv.Itoa(len(big))+" bytes") {
		t.Errorf("error %q does not give the line's size %d", msg, len(big))
	}
}

// readLimited reads paths with a small size cap, to test its edges
// without megabytes of data.
func readLimited(t *testing.T, limit int, paths ...string) []Item {
	t.Helper()
	var items []Item
	r := &reader{ctx: context.Background(), limit: limit, fn: func(it Item) error {
		items = append(items, it)
		return nil
	}}
	for _, p := range paths {
		if err := r.path(p); err != nil {
			t.Fatalf("path(%q) = %v", p, err)
		}
	}
	return items
}

func TestReadLimitEdges(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fits := write("fits.txt", "Harbour news of today")  // 21 bytes
	over := write("over.txt", "Harbour news of today.") // 22 bytes
	// Line endings do not count against the cap.
	feed := write("feed.jsonl", strings.Join([]string{
		`{"text":"abcdefghij"}`,        // 21 bytes
		`{"text":"abcdefghijk"}`,       // 22 bytes
		`{"text":"abcdefghij"}` + "\r", // 21 bytes and a CR LF
		`{"text":"abcdefghijk"}` + "\r",
		`{"text":"abcdefghijk"}`,
	}, "\n"))
	items := readLimited(t, 21, fits, over, feed)
	checkItems(t, items, []want{
		{input: fits, enc: text.UTF8, article: wiretrace.Article{Title: "Harbour news of today", Text: "Harbour news of today"}},
		{input: over, err: ErrTooLarge, msg: "input too large: 22 bytes, limit 21"},
		{input: feed + ":1", enc: text.UTF8, article: wiretrace.Article{Text: "abcdefghij"}},
		{input: feed + ":2", err: ErrTooLarge, msg: "input too large: 22 bytes, limit 21"},
		{input: feed + ":3", enc: text.UTF8, article: wiretrace.Article{Text: "abcdefghij"}},
		{input: feed + ":4", err: ErrTooLarge, msg: "input too large: 22 bytes, limit 21"},
		{input: feed + ":5", err: ErrTooLarge, msg: "input too large: 22 bytes, limit 21"},
	})
}

// Permissions do not stop root, so this case runs only as another user;
// TestReadDanglingSymlink covers an unreadable entry for root too.
func TestReadUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which can read any file: permission errors cannot be provoked")
	}
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b-locked.txt", "d-locked/inner.txt", "e.txt"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("Fishing quotas were cut again."), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(dir, "b-locked.txt"), 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "d-locked"), 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "d-locked"), 0o755) })
	article := wiretrace.Article{Title: "Fishing quotas were cut again.", Text: "Fishing quotas were cut again."}
	checkItems(t, readAll(t, []string{dir}, nil), []want{
		{input: filepath.Join(dir, "a.txt"), enc: text.UTF8, article: article},
		{input: filepath.Join(dir, "b-locked.txt"), err: fs.ErrPermission, msg: "b-locked.txt"},
		{input: filepath.Join(dir, "d-locked"), err: fs.ErrPermission, msg: "cannot list directory"},
		{input: filepath.Join(dir, "e.txt"), enc: text.UTF8, article: article},
	})
}

// makeTree writes files under a new temporary folder; a value starting
// with "->" makes a symbolic link to what follows.
func makeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		if target, ok := strings.CutPrefix(content, "->"); ok {
			err = os.Symlink(target, p)
		} else {
			err = os.WriteFile(p, []byte(content), 0o644)
		}
		if err != nil {
			t.Skipf("cannot make %s: %v", name, err)
		}
	}
	return dir
}

func TestReadSymlinks(t *testing.T) {
	dir := makeTree(t, map[string]string{
		"a.txt":         "Storm warning for the coast.",
		"b-dangling":    "->nowhere.txt",
		"c-link.txt":    "->a.txt",
		"d/inner.txt":   "Buoys were moved inshore.",
		"d/e-up":        "->..",
		"f-linked-dir":  "->d",
		"g-after.txt":   "The warning was lifted at noon.",
		"h-self":        "->h-self",
		"i-to-hidden":   "->.hidden",
		".hidden/x.txt": "A hidden folder, reached by a link.",
	})
	j := func(name string) string { return filepath.Join(dir, name) }
	storm := wiretrace.Article{Title: "Storm warning for the coast.", Text: "Storm warning for the coast."}
	buoys := wiretrace.Article{Title: "Buoys were moved inshore.", Text: "Buoys were moved inshore."}
	checkItems(t, readAll(t, []string{dir}, nil), []want{
		{input: j("a.txt"), enc: text.UTF8, article: storm},
		{input: j("b-dangling"), err: fs.ErrNotExist, msg: "b-dangling"},
		{input: j("c-link.txt"), enc: text.UTF8, article: storm},
		{input: j("d/e-up"), err: ErrSymlinkLoop, msg: "loop"},
		{input: j("d/inner.txt"), enc: text.UTF8, article: buoys},
		{input: j("f-linked-dir/e-up"), err: ErrSymlinkLoop, msg: "loop"},
		{input: j("f-linked-dir/inner.txt"), enc: text.UTF8, article: buoys},
		{input: j("g-after.txt"), enc: text.UTF8, article: wiretrace.Article{
			Title: "The warning was lifted at noon.", Text: "The warning was lifted at noon.",
		}},
		{input: j("h-self"), err: errAny, msg: "h-self"},
		{input: j("i-to-hidden/x.txt"), enc: text.UTF8, article: wiretrace.Article{
			Title: "A hidden folder, reached by a link.", Text: "A hidden folder, reached by a link.",
		}},
	})
}

// A path that does not exist is an error item and the next path is read.
func TestReadMissingPath(t *testing.T) {
	checkItems(t, readAll(t, []string{"testdata/no-such-case", "testdata/tree/c.txt"}, nil), []want{
		{input: "testdata/no-such-case", err: fs.ErrNotExist, msg: "no-such-case"},
		{input: "testdata/tree/c.txt", enc: text.UTF8, article: wiretrace.Article{
			Title: "Last file",
			Text:  "Last file\nThe harbour master thanked the volunteers.\n",
		}},
	})
}

func TestReadStdin(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		wants []want
	}{
		{"plain text", "Night ferry cancelled\nHigh winds kept the ferry in port.", []want{
			{input: "-", enc: text.UTF8, article: wiretrace.Article{
				Title: "Night ferry cancelled",
				Text:  "Night ferry cancelled\nHigh winds kept the ferry in port.",
			}},
		}},
		{"plain text in windows-1252", "The caf\xe9 reopened.", []want{
			{input: "-", enc: text.Windows1252, article: wiretrace.Article{
				Title: "The caf\u00e9 reopened.",
				Text:  "The caf\u00e9 reopened.",
			}},
		}},
		{"json lines after a blank line and a byte-order mark", "\ufeff\n  \n{\"id\":\"s1\",\"text\":\"Harbour lights fixed.\"}\nnot json\n", []want{
			{input: "-:3", enc: text.UTF8, article: wiretrace.Article{ID: "s1", Text: "Harbour lights fixed."}},
			{input: "-:4", err: ErrInvalidJSON, msg: "invalid character"},
		}},
		{"empty", "", []want{
			{input: "-", err: text.ErrEmpty, msg: "empty"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkItems(t, readAll(t, []string{"-"}, strings.NewReader(tt.stdin)), tt.wants)
		})
	}
}

func TestReadStdinMissing(t *testing.T) {
	checkItems(t, readAll(t, []string{"-", "testdata/tree/c.txt"}, nil), []want{
		{input: "-", err: ErrNoStdin, msg: "no standard input"},
		{input: "testdata/tree/c.txt", enc: text.UTF8, article: wiretrace.Article{
			Title: "Last file",
			Text:  "Last file\nThe harbour master thanked the volunteers.\n",
		}},
	})
}

// Standard input has no size to check up front: the cap is found by
// reading one byte past it.
func TestReadStdinTooLarge(t *testing.T) {
	var items []Item
	r := &reader{ctx: context.Background(), limit: 10, stdin: strings.NewReader("Eleven byte"), fn: func(it Item) error {
		items = append(items, it)
		return nil
	}}
	if err := r.path("-"); err != nil {
		t.Fatal(err)
	}
	checkItems(t, items, []want{
		{input: "-", err: ErrTooLarge, msg: "input too large: more than 10 bytes"},
	})
}

// An error from fn stops the walk and comes back from Read unchanged.
func TestReadStopsWhenFnFails(t *testing.T) {
	stop := errors.New("stop here")
	var inputs []string
	err := Read(context.Background(), []string{"testdata/tree", "testdata/utf8-bom"}, nil, func(it Item) error {
		inputs = append(inputs, it.Input)
		if len(inputs) == 4 {
			return stop
		}
		return nil
	})
	if err != stop {
		t.Fatalf("Read = %v, want %v", err, stop)
	}
	want := []string{"testdata/tree/D-upper.txt", "testdata/tree/a-first.txt", "testdata/tree/b-sub/inner.txt", "testdata/tree/b-sub/z.ndjson:1"}
	if strings.Join(inputs, " ") != strings.Join(want, " ") {
		t.Errorf("items before the stop = %q, want %q", inputs, want)
	}
}

func TestReadCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err := Read(ctx, []string{"testdata/tree", "testdata/jsonl-broken-line"}, nil, func(it Item) error {
		calls++
		if calls == 4 { // the first line of z.ndjson: stops inside a file
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Read = %v, want %v", err, context.Canceled)
	}
	if calls != 4 {
		t.Errorf("fn called %d times, want 4", calls)
	}
}

func TestFirstLine(t *testing.T) {
	long := strings.Repeat("a", MaxTitleBytes-1) + "\u00e9" + "tail"
	tests := []struct {
		name, in, want string
	}{
		{"first line", "Title\nBody", "Title"},
		{"blank lines and spaces skipped", "\n \t\r\n  Title  \r\nBody", "Title"},
		{"byte-order mark", "\ufeffTitle\nBody", "Title"},
		{"byte-order mark on its own line", "\ufeff\nTitle", "Title"},
		{"no line break", "Only a title", "Only a title"},
		{"cut at a rune boundary", long, strings.Repeat("a", MaxTitleBytes-1)},
		{"exactly the cap", strings.Repeat("b", MaxTitleBytes) + "\nmore", strings.Repeat("b", MaxTitleBytes)},
		{"nothing", " \n\t", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := firstLine(tt.in); got != tt.want {
				t.Errorf("firstLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
