package benchmark

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Notes say how the figures were measured; both outputs carry them.
var Notes = []string{
	"add: the engine's loader on one goroutine (batches of articles, one store write each), the final Sync and the settling of the store; generating the articles is not timed",
	"CPU: the adding or checking thread's own CPU time (Linux), without the store's and the garbage collector's background threads; process CPU: all threads during the adds (background work and garbage collection included) less the time spent generating articles; on a loaded machine (load average above the cores given) wall times also count waiting for a core",
	"check: latency of engine Check per suspect; half the suspects are stored copies (their own entry is excluded), half are not stored; the first pass runs on the store just reopened (cold caches, background work after opening), the warm pass repeats the same suspects",
	"source first: share of suspects whose first match is an original they were made from (a sanity figure, not an evaluation); source aligned: share whose original was among the candidates aligned",
	"bytes: store directory size after add and Sync (write-ahead log included), and after closing and reopening the store twice, so that it flushes its log and deletes obsolete files (settled); per article uses the settled size, split into records (text and metadata) and index (postings and keys)",
	"peak RSS: the whole process's peak so far (getrusage), including earlier sizes and stores of the same run and the originals held to make copies; RSS: the process's resident set at that point",
	"server CPU: for a store in a database server on this machine, the CPU time its processes used during the adds (those still running at the end)",
	"server PSS: for a store in a database server on this machine, the proportional set size of the server's processes added up (shared buffers count once)",
}

// WriteJSON writes the results and the notes as one JSON object.
func WriteJSON(w io.Writer, results []Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Results []Result `json:"results"`
		Notes   []string `json:"notes"`
	}{results, Notes})
}

// WriteTable writes the results as an aligned table, one column per size,
// followed by the notes.
func WriteTable(w io.Writer, results []Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	row := func(label string, f func(r Result) string) {
		// Padded, so that right alignment leaves the labels flush left.
		cells := []string{fmt.Sprintf("%-30s", label)}
		for _, r := range results {
			cells = append(cells, f(r))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	if slices.ContainsFunc(results, func(r Result) bool { return r.Store != "" }) {
		row("store", func(r Result) string { return r.Store })
	}
	row("articles", func(r Result) string { return thousands(float64(r.Articles)) })
	row("  originals", func(r Result) string { return thousands(float64(r.Originals)) })
	row("  stored", func(r Result) string { return thousands(float64(r.Stored)) })
	row("add (articles/s)", func(r Result) string { return thousands(r.AddPerSecond) })
	row("add (articles/CPU s)", func(r Result) string { return thousands(r.AddPerCPUSecond) })
	row("add (articles/process CPU s)", func(r Result) string { return thousands(r.AddPerProcessCPUSecond) })
	if slices.ContainsFunc(results, func(r Result) bool { return r.AddServerCPUSeconds > 0 }) {
		row("add (articles/server CPU s)", func(r Result) string {
			if r.AddServerCPUSeconds == 0 {
				return "-"
			}
			return thousands(r.AddPerServerCPUSecond)
		})
	}
	row("add time (s)", func(r Result) string { return strconv.FormatFloat(r.AddSeconds, 'f', 1, 64) })
	row("check queries", func(r Result) string { return thousands(float64(r.Queries)) })
	for _, pass := range []struct {
		name string
		lat  func(r Result) Latency
	}{
		{"check", func(r Result) Latency { return r.Check }},
		{"check warm", func(r Result) Latency { return r.CheckWarm }},
	} {
		f := func(label string, v func(l Latency) float64, scale float64, prec int) {
			row(pass.name+" "+label, func(r Result) string { return strconv.FormatFloat(scale*v(pass.lat(r)), 'f', prec, 64) })
		}
		f("p50 (ms)", func(l Latency) float64 { return l.P50Ms }, 1, 2)
		f("p99 (ms)", func(l Latency) float64 { return l.P99Ms }, 1, 2)
		f("mean (ms)", func(l Latency) float64 { return l.MeanMs }, 1, 2)
		f("max (ms)", func(l Latency) float64 { return l.MaxMs }, 1, 2)
		f("CPU p50 (ms)", func(l Latency) float64 { return l.CPUP50Ms }, 1, 2)
		f("CPU p99 (ms)", func(l Latency) float64 { return l.CPUP99Ms }, 1, 2)
		f("in Candidates (%)", func(l Latency) float64 { return l.CandidatesShare }, 100, 1)
	}
	row("source aligned (%)", func(r Result) string { return strconv.FormatFloat(100*r.SourceAligned, 'f', 1, 64) })
	row("source first (%)", func(r Result) string { return strconv.FormatFloat(100*r.SourceFirst, 'f', 1, 64) })
	for _, k := range derivedKinds {
		row("  "+string(k), func(r Result) string { return strconv.FormatFloat(100*r.SourceFirstByKind[k], 'f', 1, 64) })
	}
	row("store after add (MB)", func(r Result) string { return mb(r.BytesAfterAdd) })
	row("store settled (MB)", func(r Result) string { return mb(r.BytesSettled) })
	row("bytes per article", func(r Result) string { return thousands(r.BytesPerArticle) })
	row("  records (text)", func(r Result) string { return thousands(r.TextBytesPerArticle) })
	row("  index", func(r Result) string { return thousands(r.IndexBytesPerArticle) })
	row("peak RSS after add (MB)", func(r Result) string { return mb(r.PeakRSSAfterAdd) })
	row("peak RSS after check (MB)", func(r Result) string { return mb(r.PeakRSSAfterCheck) })
	row("RSS after add / check (MB)", func(r Result) string { return mb(r.RSSAfterAdd) + " / " + mb(r.RSSAfterCheck) })
	if slices.ContainsFunc(results, func(r Result) bool { return r.ServerAfterAdd > 0 }) {
		row("server PSS after add / check (MB)", func(r Result) string {
			if r.ServerAfterAdd == 0 {
				return "-"
			}
			return mb(r.ServerAfterAdd) + " / " + mb(r.ServerAfterCheck)
		})
	}
	if len(results) > 0 && results[0].Provenance != nil {
		prov := func(label string, f func(p *Provenance) string) {
			row(label, func(r Result) string {
				if r.Provenance == nil {
					return "-"
				}
				return f(r.Provenance)
			})
		}
		prov("families run (s)", func(p *Provenance) string { return strconv.FormatFloat(p.FamiliesSeconds, 'f', 1, 64) })
		prov("  families", func(p *Provenance) string { return thousands(float64(p.Families)) })
		prov("  links", func(p *Provenance) string { return thousands(float64(p.Links)) })
		prov("peak RSS after families (MB)", func(p *Provenance) string { return mb(p.PeakRSS) })
		prov("trace p50 (ms)", func(p *Provenance) string { return strconv.FormatFloat(p.Trace.P50Ms, 'f', 2, 64) })
		prov("trace p99 (ms)", func(p *Provenance) string { return strconv.FormatFloat(p.Trace.P99Ms, 'f', 2, 64) })
		prov("trace members (mean)", func(p *Provenance) string { return strconv.FormatFloat(p.TraceMembers, 'f', 1, 64) })
	}
	row("load average", func(r Result) string { return strconv.FormatFloat(r.LoadAverage, 'f', 2, 64) })
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, n := range Notes {
		if _, err := fmt.Fprintf(w, "- %s\n", n); err != nil {
			return err
		}
	}
	return nil
}

func mb(b int64) string { return strconv.FormatFloat(float64(b)/(1<<20), 'f', 1, 64) }

// thousands rounds f and groups its digits by three.
func thousands(f float64) string {
	s := strconv.FormatInt(int64(f+0.5), 10)
	var sb strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			sb.WriteByte(',')
		}
		sb.WriteRune(c)
	}
	return sb.String()
}
