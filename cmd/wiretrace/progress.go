package main

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// progress draws add's progress bar on a terminal: articles, bytes read,
// rate and, when the total size is known, the ETA. A nil *progress draws
// nothing.
type progress struct {
	p        *mpb.Progress
	bar      *mpb.Bar
	articles atomic.Int64
	start    time.Time
}

// newProgress starts a bar on w. total is the input size in bytes, or 0
// when unknown (standard input, URLs).
func newProgress(w io.Writer, total int64) *progress {
	pr := &progress{start: time.Now()}
	pr.p = mpb.New(mpb.WithOutput(w), mpb.WithAutoRefresh(), mpb.WithWidth(40), mpb.WithRefreshRate(150*time.Millisecond))
	counts := decor.Any(func(decor.Statistics) string {
		n := pr.articles.Load()
		rate := float64(n) / max(time.Since(pr.start).Seconds(), 1e-3)
		return fmt.Sprintf("%d articles  %.0f/s", n, rate)
	}, decor.WCSyncSpaceR)
	appended := []decor.Decorator{decor.CurrentKibiByte("% .1f")}
	if total > 0 {
		appended = append(appended, decor.Name(" / "), decor.TotalKibiByte("% .1f"), decor.Name("  ETA "),
			decor.OnComplete(decor.AverageETA(decor.ET_STYLE_GO), "done"))
	}
	// One byte more than the input, so the bar completes when done says
	// so, after the last article is stored, not when the last byte is read.
	if total > 0 {
		total++
	}
	pr.bar = pr.p.AddBar(total,
		mpb.PrependDecorators(counts),
		mpb.AppendDecorators(appended...),
	)
	return pr
}

func (pr *progress) addBytes(n int64) {
	if pr != nil {
		pr.bar.IncrInt64(n)
	}
}

func (pr *progress) article() {
	if pr != nil {
		pr.articles.Add(1)
	}
}

// writer returns where lines go so that they print above the bar.
func (pr *progress) writer(w io.Writer) io.Writer {
	if pr == nil {
		return w
	}
	return pr.p
}

// done completes the bar and waits for its last drawing.
func (pr *progress) done() {
	if pr == nil {
		return
	}
	pr.bar.SetTotal(-1, true)
	pr.p.Wait()
}
