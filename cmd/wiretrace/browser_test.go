package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/wiretrace/wiretrace/examples"
)

// Browser tests: a person using the page of a real "wiretrace serve", in
// headless Chromium. They need a browser, so they run only when
// WIRETRACE_BROWSER=1 (CI sets it and installs Debian's chromium);
// $WIRETRACE_CHROMIUM names another browser binary. Screenshots go to
// $WIRETRACE_SCREENSHOTS, else to wiretrace-screenshots in the system's
// temporary directory.

const envBrowser = "WIRETRACE_BROWSER"

// browser starts headless Chromium for the test, in a fresh profile, and
// returns a tab. The browser reaches nothing but the test's server.
func browser(t *testing.T) context.Context {
	t.Helper()
	if os.Getenv(envBrowser) != "1" {
		t.Skipf("browser tests need Chromium: set %s=1 (CI does)", envBrowser)
	}
	path := os.Getenv("WIRETRACE_CHROMIUM")
	if path == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		t.Fatalf("%s=1 but no chromium on PATH (apt-get install chromium, or set WIRETRACE_CHROMIUM)", envBrowser)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	tab, tcancel := chromedp.NewContext(actx)
	t.Cleanup(tcancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	return tab
}

// watch records what must never happen on a page: a dialog opening (the
// hostile article calls alert), an uncaught exception, a policy
// violation. Dialogs are dismissed so that the page goes on.
type watch struct {
	mu       sync.Mutex
	problems []string
}

func watchPage(t *testing.T, tab context.Context) *watch {
	w := &watch{}
	dialogs := chromedp.Events(tab, page.JavascriptDialogOpening)
	console := chromedp.Console(tab)
	go func() {
		for e, err := range dialogs {
			if err != nil {
				return
			}
			w.add("a dialog opened: " + e.Message)
			go chromedp.Do(tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
				return err
			}))
		}
	}()
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError {
				w.add(m.String())
			}
		}
	}()
	return w
}

func (w *watch) add(s string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.problems = append(w.problems, s)
}

func (w *watch) check(t *testing.T, where string) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, p := range w.problems {
		t.Errorf("%s: %s", where, p)
	}
	w.problems = nil
}

func screenshotDir(t *testing.T) string {
	dir := os.Getenv("WIRETRACE_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "wiretrace-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func saveShot(t *testing.T, name string, png []byte) {
	t.Helper()
	p := filepath.Join(screenshotDir(t), name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", p)
}

func run1[T any](t *testing.T, tab context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(tab, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func do(t *testing.T, tab context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab, steps...); err != nil {
		t.Fatal(err)
	}
}

// browserStore is a store with the example originals and unrelated
// stories, and the hostile article's original, served by a real serve.
func browserServe(t *testing.T) (url string, paths map[string]string) {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	paths = writeExamples(t, filepath.Join(dir, "articles"))
	hostile, err := filepath.Abs(filepath.Join("..", "..", "server", "testdata", "hostile.txt"))
	if err != nil {
		t.Fatal(err)
	}
	paths["hostile"] = hostile
	if _, stderr, code := run(t, "", "add", "--db", db, "-q", paths["flood/original"], paths["strike/original"], paths["flood/unrelated"], paths["strike/unrelated"], hostile); code != 0 {
		t.Fatalf("add: %s", stderr)
	}
	url, _ = startServe(t, db)
	return url, paths
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A person pastes a content farm's spun copy: the source is found, spun,
// with its credit rebranded, and the reused passages are marked on both
// sides; clicking a passage low in the source brings the same place of the
// copy into view in its column.
func TestBrowserPasteAndFollowAPassage(t *testing.T) {
	tab := browser(t)
	url, paths := browserServe(t)
	w := watchPage(t, tab)

	do(t, tab,
		chromedp.Navigate(url+"/"),
		chromedp.WaitVisible(chromedp.CSS("#text")),
		chromedp.SetValue(chromedp.CSS("#text"), readText(t, paths["flood/spun"])),
		chromedp.Click(chromedp.CSS("#check")),
		chromedp.WaitVisible(chromedp.CSS("#source-1 .side-by-side")),
	)
	relation := run1(t, tab, chromedp.TextContent(chromedp.CSS("#source-1 .relation")))
	credit := run1(t, tab, chromedp.TextContent(chromedp.CSS("#source-1 .credit.rebranded")))
	if strings.TrimSpace(relation) != "spun" || !strings.Contains(credit, "Meridian Wire → Daily Wellness Digest") {
		t.Fatalf("first source: relation %q, credit %q", relation, credit)
	}
	marked := run1(t, tab, chromedp.Evaluate[map[string]any](`(() => {
		const bg = el => getComputedStyle(el).backgroundColor;
		const s = document.querySelector('#m1-source a.passage'), u = document.querySelector('#m1-suspect a.passage');
		return {
			source: document.querySelectorAll('#m1-source a.passage').length,
			suspect: document.querySelectorAll('#m1-suspect a.passage').length,
			subs: document.querySelectorAll('#m1-suspect .sub').length,
			sourceColour: bg(s), suspectColour: bg(u),
			credits: document.querySelectorAll('#m1-suspect .credit-changed').length,
		};
	})()`))
	if marked["source"].(float64) == 0 || marked["suspect"].(float64) == 0 || marked["subs"].(float64) == 0 || marked["credits"].(float64) == 0 {
		t.Fatalf("marks: %v", marked)
	}
	if c := marked["sourceColour"]; c != marked["suspectColour"] || c == "rgba(0, 0, 0, 0)" {
		t.Fatalf("a passage's colours: source %v, suspect %v", c, marked["suspectColour"])
	}
	saveShot(t, "check-spun.png", run1(t, tab, chromedp.FullScreenshot(100)))
	saveShot(t, "side-by-side.png", run1(t, tab, chromedp.Screenshot(chromedp.CSS("#source-1"))))

	// The partner of a run four fifths down the source passage is out of
	// view in the copy's column until the run is clicked.
	const clicked = `#m1-source a.passage[data-at^="0.8"]`
	where := `(() => {
		const c = document.querySelector('` + clicked + `');
		const pane = document.getElementById('m1-suspect');
		const at = parseFloat(c.dataset.at);
		let target = null;
		for (const el of pane.querySelectorAll('[data-ref="' + c.dataset.partner + '"]')) {
			if (parseFloat(el.dataset.at) <= at + 0.02) target = el;
		}
		const p = pane.getBoundingClientRect(), r = target.getBoundingClientRect();
		return {scroll: pane.scrollTop, inView: r.top >= p.top && r.bottom <= p.bottom, flashed: target.classList.contains('flash') || !!pane.querySelector('.flash')};
	})()`
	before := run1(t, tab, chromedp.Evaluate[map[string]any](where))
	if before["inView"] == true || before["scroll"].(float64) != 0 {
		t.Fatalf("the partner is in view before the click: %v", before)
	}
	do(t, tab, chromedp.ScrollIntoView(chromedp.CSS(clicked)), chromedp.Click(chromedp.CSS(clicked)), chromedp.Sleep(200*time.Millisecond))
	after := run1(t, tab, chromedp.Evaluate[map[string]any](where))
	if after["inView"] != true || after["scroll"].(float64) == 0 || after["flashed"] != true {
		t.Fatalf("after the click the partner is not in view: %v", after)
	}
	if loc := run1(t, tab, chromedp.Location()); !strings.HasSuffix(loc, "/check") {
		t.Errorf("the click navigated: %s", loc)
	}
	saveShot(t, "partner-in-view.png", run1(t, tab, chromedp.Screenshot(chromedp.CSS("#m1 .cols"))))

	// The inspect view of the same copy: its parts, and its flags marked
	// in the text.
	do(t, tab,
		chromedp.Click(chromedp.CSS("section.asked button")),
		chromedp.WaitVisible(chromedp.CSS("#inspected")),
	)
	parts := run1(t, tab, chromedp.Evaluate[map[string]any](`({
		headline: document.querySelectorAll('#inspected .part.headline').length,
		dateline: document.querySelectorAll('#inspected .part.dateline').length,
		photo: document.querySelectorAll('#inspected .part.photo-credit').length,
		quotes: document.querySelectorAll('#inspected .part.quote').length,
		flags: document.querySelectorAll('#inspected .flag').length,
		listed: document.getElementById('flags').innerText,
	})`))
	if parts["headline"].(float64) == 0 || parts["dateline"].(float64) == 0 || parts["photo"].(float64) == 0 || parts["quotes"].(float64) == 0 || parts["flags"].(float64) == 0 ||
		!strings.Contains(parts["listed"].(string), "credit-conflict") {
		t.Fatalf("inspect view: %v", parts)
	}
	saveShot(t, "inspect-spun.png", run1(t, tab, chromedp.FullScreenshot(100)))
	w.check(t, "paste and follow")
}

// A pasted article full of script shows as text and runs nothing: not on
// the check page, not in the side-by-side view, not on the inspect page.
func TestBrowserHostileArticleRunsNothing(t *testing.T) {
	tab := browser(t)
	url, paths := browserServe(t)
	w := watchPage(t, tab)
	text := strings.NewReplacer("approved", "endorsed", "argument", "dispute", "Coastline Wire", "Gull Island Daily").Replace(readText(t, paths["hostile"]))

	nothingRan := `(() => {
		const foreign = document.querySelectorAll('script:not([src^="/static/app.js"]), img, svg, iframe, object, embed, [onerror], [onload], [onmouseover]');
		return {foreign: foreign.length, text: document.body.innerText};
	})()`
	// Each answer is waited for by an element only its page has, at the
	// end of what is read: the form's page has a heading too, and a page
	// still loading shows its heading before its texts.
	for action, answer := range map[string]string{"#check": "#source-1 .side-by-side", "#inspect": "#inspected"} {
		do(t, tab,
			chromedp.Navigate(url+"/"),
			chromedp.WaitVisible(chromedp.CSS("#text")),
			chromedp.SetValue(chromedp.CSS("#text"), text),
			chromedp.Click(chromedp.CSS(action)),
			chromedp.WaitVisible(chromedp.CSS(answer)),
			chromedp.WaitReady(chromedp.CSS("footer")),
			chromedp.Sleep(300*time.Millisecond),
		)
		got := run1(t, tab, chromedp.Evaluate[map[string]any](nothingRan))
		if got["foreign"].(float64) != 0 {
			t.Errorf("%s: %v elements from the article", action, got["foreign"])
		}
		body := got["text"].(string)
		for _, want := range []string{`<script>alert("headline")</script>`, `<img src=x onerror=alert("byline")>`, `<svg onload=alert('fisher')>`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: the page does not show %s as text; it shows:\n%.2000s", action, want, body)
			}
		}
		if action == "#check" {
			if n := run1(t, tab, chromedp.Evaluate[int](`document.querySelectorAll('#m1-suspect a.passage').length`)); n == 0 {
				t.Errorf("the hostile copy was not matched to its original")
			}
			saveShot(t, "hostile-check.png", run1(t, tab, chromedp.FullScreenshot(100)))
		}
		w.check(t, action)
	}
}

// A saved page chosen as a file, and one dropped on the form, are read as
// pages: their text is extracted and checked.
func TestBrowserUploadAndDropAPage(t *testing.T) {
	tab := browser(t)
	url, paths := browserServe(t)
	w := watchPage(t, tab)
	page := filepath.Join(t.TempDir(), "farm-story.html")
	paras := strings.Split(strings.TrimSpace(readText(t, paths["strike/spun"])), "\n\n")
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><meta charset=utf-8><title>Strike</title></head><body><article>")
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", strings.NewReplacer("&", "&amp;", "<", "&lt;").Replace(p))
	}
	b.WriteString("</article></body></html>")
	if err := os.WriteFile(page, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	do(t, tab,
		chromedp.Navigate(url+"/"),
		chromedp.WaitVisible(chromedp.CSS("#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{page}),
		chromedp.Click(chromedp.CSS("#check")),
		chromedp.WaitVisible(chromedp.CSS("#source-1")),
	)
	meta := run1(t, tab, chromedp.Text(chromedp.CSS("section.asked")))
	if !strings.Contains(meta, "farm-story.html") || !strings.Contains(meta, "extracted from the page") {
		t.Fatalf("upload: %q", meta)
	}
	if rel := run1(t, tab, chromedp.TextContent(chromedp.CSS("#source-1 .relation"))); strings.TrimSpace(rel) != "spun" {
		t.Fatalf("upload: relation %q", rel)
	}

	// Dropping: the page's script puts the dropped file in the form.
	do(t, tab, chromedp.Navigate(url+"/"), chromedp.WaitVisible(chromedp.CSS(".drop")))
	dropped := run1(t, tab, chromedp.Evaluate[string](`(() => {
		const dt = new DataTransfer();
		dt.items.add(new File([`+"`"+`<!doctype html><html><head><title>Strike</title></head><body><article><p>`+"`"+` + 'x'.repeat(10) + `+"`"+`</p></article></body></html>`+"`"+`], 'dropped.html', {type: 'text/html'}));
		const zone = document.querySelector('.drop');
		zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
		zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
		const input = document.getElementById('file');
		return input.files.length + ' ' + input.files[0].name + ' ' + zone.querySelector('.drop-hint').textContent;
	})()`))
	if dropped != "1 dropped.html dropped.html" {
		t.Fatalf("drop: %q", dropped)
	}
	w.check(t, "upload and drop")
}

// storyServe is a real serve over a store holding the flood story as
// sites published it, its families updated.
func storyServe(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	in := filepath.Join(dir, "flood.jsonl")
	writeStory(t, in)
	if _, stderr, code := run(t, "", "add", "--db", db, "-q", in); code != 0 {
		t.Fatalf("add: %s", stderr)
	}
	if _, stderr, code := run(t, "", "families", "--db", db); code != 0 {
		t.Fatalf("families: %s", stderr)
	}
	url, _ := startServe(t, db)
	return url
}

// A person checks a copy, follows its source to the story: the origin
// with its confidence, the timeline and the copy tree. Then the ranking of
// sites, a site's profile, and one of its example pairs side by side.
func TestBrowserStoryAndSites(t *testing.T) {
	tab := browser(t)
	url := storyServe(t)
	w := watchPage(t, tab)
	lightEdit, err := examples.FS.ReadFile("flood/light-edit.txt")
	if err != nil {
		t.Fatal(err)
	}
	copied := "Shared by a reader\n\n" + string(lightEdit)

	do(t, tab,
		chromedp.Navigate(url+"/"),
		chromedp.WaitVisible(chromedp.CSS("#text")),
		chromedp.SetValue(chromedp.CSS("#text"), copied),
		chromedp.Click(chromedp.CSS("#check")),
		chromedp.WaitVisible(chromedp.CSS("#source-1 .side-by-side")),
	)
	first := run1(t, tab, chromedp.AttributeValue(chromedp.CSS("#source-1 a.story-link"), "href")).Value
	if first != "/trace?id=flood-light-edit" {
		t.Fatalf("the first source's story link is %q, want the light edit's", first)
	}
	// The story page's own elements, at the end of what is read: the copy
	// tree comes after the origin and the timeline.
	do(t, tab,
		chromedp.Click(chromedp.CSS("#source-1 a.story-link")),
		chromedp.WaitVisible(chromedp.CSS("#copy-tree li.tree-member")),
	)
	story := run1(t, tab, chromedp.Evaluate[map[string]any](`(() => {
		const rows = [...document.querySelectorAll('#timeline tbody tr')];
		return {
			origin: document.getElementById('story-origin').innerText,
			rows: rows.map(r => r.dataset.id).join(' '),
			traced: rows.filter(r => r.classList.contains('traced')).map(r => r.dataset.id).join(' '),
			spun: document.querySelector('#timeline tr[data-id="flood-spun"]').innerText,
			tree: [...document.querySelectorAll('#copy-tree li.tree-member')].map(li => {
				let d = 0;
				for (let p = li.parentElement.closest('li.tree-member'); p; p = p.parentElement.closest('li.tree-member')) d++;
				return d + ':' + li.dataset.id;
			}).join(' '),
		};
	})()`))
	if o := story["origin"].(string); !strings.Contains(o, "flood-original") || !strings.Contains(o, "confidence high") {
		t.Errorf("origin: %q", o)
	}
	if story["rows"] != "flood-original flood-verbatim flood-light-edit flood-spun flood-partial" || story["traced"] != "flood-light-edit" {
		t.Errorf("timeline %q, traced %q", story["rows"], story["traced"])
	}
	if s := story["spun"].(string); !strings.Contains(s, "dailydigesthub.example") || !strings.Contains(s, "spun") || !strings.Contains(s, "Meridian Wire → Daily Wellness Digest") || !strings.Contains(s, "5 h later") {
		t.Errorf("the spun copy's row: %q", s)
	}
	if story["tree"] != "0:flood-original 1:flood-verbatim 1:flood-light-edit 1:flood-spun 1:flood-partial" {
		t.Errorf("copy tree %q", story["tree"])
	}
	saveShot(t, "story.png", run1(t, tab, chromedp.FullScreenshot(100)))

	do(t, tab,
		chromedp.Navigate(url+"/sites"),
		chromedp.WaitVisible(chromedp.CSS("#site-ranking tbody tr")),
	)
	if lede := run1(t, tab, chromedp.Text(chromedp.CSS("p.lede"))); !strings.Contains(lede, "not a verdict") {
		t.Errorf("the ranking does not say it is evidence: %q", lede)
	}
	saveShot(t, "sites.png", run1(t, tab, chromedp.FullScreenshot(100)))
	do(t, tab,
		chromedp.Click(chromedp.CSS(`#site-ranking a.site-link[href="/sites/dailydigesthub.example"]`)),
		chromedp.WaitVisible(chromedp.CSS("#site-examples tbody tr")),
	)
	taken := run1(t, tab, chromedp.Text(chromedp.CSS("#fig-taken")))
	rebranded := run1(t, tab, chromedp.Text(chromedp.CSS("#fig-rebranded")))
	if !strings.HasPrefix(taken, "1 (100% of its articles): 1 spun") || strings.TrimSpace(rebranded) != "1" {
		t.Errorf("profile: taken %q, rebranded %q", taken, rebranded)
	}
	saveShot(t, "site.png", run1(t, tab, chromedp.FullScreenshot(100)))
	do(t, tab,
		chromedp.Click(chromedp.CSS("#site-examples a.compare-link")),
		chromedp.WaitVisible(chromedp.CSS(".side-by-side #m1-suspect a.passage")),
	)
	if rel := run1(t, tab, chromedp.TextContent(chromedp.CSS(".source-head .relation"))); strings.TrimSpace(rel) != "spun" {
		t.Errorf("the example pair side by side: relation %q", rel)
	}
	w.check(t, "story and sites")
}

// A compare --html report opened from disk shows both texts with the
// passages marked in matching colours, and its script, inside the page,
// brings a passage's partner into view as the server's pages do.
func TestBrowserHTMLReport(t *testing.T) {
	tab := browser(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "report.html")
	src, spun := filepath.Join("..", "..", "examples", "flood", "original.txt"), filepath.Join("..", "..", "examples", "flood", "spun.txt")
	if _, stderr, code := run(t, "", "compare", "--html", out, src, spun); code != 0 {
		t.Fatalf("compare --html: %s", stderr)
	}
	w := watchPage(t, tab)
	do(t, tab, chromedp.Navigate("file://"+out), chromedp.WaitVisible(chromedp.CSS("#source-1 .side-by-side")))
	marked := run1(t, tab, chromedp.Evaluate[map[string]any](`(() => {
		const bg = el => getComputedStyle(el).backgroundColor;
		const s = document.querySelector('#m1-source a.passage'), u = document.querySelector('#m1-suspect a.passage');
		return {source: document.querySelectorAll('#m1-source a.passage').length, sourceColour: bg(s), suspectColour: bg(u)};
	})()`))
	if marked["source"].(float64) == 0 || marked["sourceColour"] != marked["suspectColour"] || marked["sourceColour"] == "rgba(0, 0, 0, 0)" {
		t.Fatalf("marks: %v", marked)
	}
	const clicked = `#m1-source a.passage[data-at^="0.8"]`
	do(t, tab, chromedp.ScrollIntoView(chromedp.CSS(clicked)), chromedp.Click(chromedp.CSS(clicked)), chromedp.Sleep(200*time.Millisecond))
	scrolled := run1(t, tab, chromedp.Evaluate[float64](`document.getElementById('m1-suspect').scrollTop`))
	if scrolled == 0 {
		t.Errorf("the click did not bring the partner into view")
	}
	if loc := run1(t, tab, chromedp.Location()); !strings.HasPrefix(loc, "file://") || strings.Contains(loc, "#") {
		t.Errorf("the click navigated: %s", loc)
	}
	saveShot(t, "html-report.png", run1(t, tab, chromedp.FullScreenshot(100)))

	// The story of the same copy, from disk too.
	db, in := filepath.Join(dir, "db"), filepath.Join(dir, "flood.jsonl")
	writeStory(t, in)
	story := filepath.Join(dir, "story.html")
	for _, args := range [][]string{{"add", "-q", "--db", db, in}, {"families", "--db", db}, {"trace", "--db", db, "--html", story, "flood-spun"}} {
		if _, stderr, code := run(t, "", args...); code != 0 {
			t.Fatalf("%s: %s", args[0], stderr)
		}
	}
	do(t, tab, chromedp.Navigate("file://"+story), chromedp.WaitVisible(chromedp.CSS("#copy-tree")))
	tree := run1(t, tab, chromedp.Evaluate[map[string]any](`({
		members: document.querySelectorAll('#copy-tree .tree-member').length,
		rows: document.querySelectorAll('#timeline .member-row').length,
		origin: document.querySelector('#story-origin .member').textContent,
	})`))
	if tree["members"].(float64) != 5 || tree["rows"].(float64) != 5 || tree["origin"] != "flood-original" {
		t.Fatalf("story report: %v", tree)
	}
	saveShot(t, "story-report.png", run1(t, tab, chromedp.FullScreenshot(100)))

	// The sites of the same store: a site in the ranking leads to its
	// profile further down the page.
	sites := filepath.Join(dir, "sites.html")
	if _, stderr, code := run(t, "", "sites", "--db", db, "--html", sites); code != 0 {
		t.Fatalf("sites --html: %s", stderr)
	}
	const farm = `#site-ranking tr[data-site="dailydigesthub.example"] a.site-link`
	do(t, tab, chromedp.Navigate("file://"+sites), chromedp.WaitVisible(chromedp.CSS("#site-ranking")),
		chromedp.Click(chromedp.CSS(farm)), chromedp.Sleep(200*time.Millisecond))
	landed := run1(t, tab, chromedp.Evaluate[map[string]any](`(() => {
		const target = document.querySelector(location.hash);
		return {hash: location.hash, title: target && target.querySelector('h2').textContent,
			top: target && Math.round(target.getBoundingClientRect().top), rebranded: target && target.querySelector('.fig-rebranded').textContent};
	})()`))
	if landed["title"] != "Site dailydigesthub.example" || landed["rebranded"] != "1" || landed["top"].(float64) > 50 || landed["top"].(float64) < -50 {
		t.Fatalf("the ranking's link to the content farm's profile: %v", landed)
	}
	saveShot(t, "sites-report.png", run1(t, tab, chromedp.FullScreenshot(100)))

	// The families of the same store: a family in the list leads to its
	// story further down the page.
	families := filepath.Join(dir, "families.html")
	if _, stderr, code := run(t, "", "families", "--db", db, "--html", families); code != 0 {
		t.Fatalf("families --html: %s", stderr)
	}
	do(t, tab, chromedp.Navigate("file://"+families), chromedp.WaitVisible(chromedp.CSS("#families-list")),
		chromedp.Click(chromedp.CSS(`#families-list a.story-link`)), chromedp.Sleep(200*time.Millisecond))
	landed = run1(t, tab, chromedp.Evaluate[map[string]any](`(() => {
		const target = document.querySelector(location.hash);
		return {hash: location.hash, top: target && Math.round(target.getBoundingClientRect().top),
			members: target && target.querySelectorAll('.tree-member').length};
	})()`))
	if landed["hash"] != "#family-1" || landed["members"].(float64) != 5 || landed["top"].(float64) > 50 || landed["top"].(float64) < -50 {
		t.Fatalf("the list's link to the family's story: %v", landed)
	}
	saveShot(t, "families-report.png", run1(t, tab, chromedp.FullScreenshot(100)))
	w.check(t, "html report")
}
