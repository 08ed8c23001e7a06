package server

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/wiretrace/wiretrace"
)

// metrics are what /metrics exposes, in a registry of the server's own so
// that two servers in one process (tests) do not collide.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	check    prometheus.Histogram
	added    *prometheus.CounterVec
	inFlight prometheus.Gauge
}

// latencyBuckets span a warm check of a small store (about a millisecond)
// to a slow fetch.
var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}

func newMetrics(st wiretrace.Store) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wiretrace_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "wiretrace_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern, method and status.",
			Buckets: latencyBuckets,
		}, []string{"route", "method", "status"}),
		check: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "wiretrace_check_duration_seconds",
			Help:    "Time the engine took to check one suspect against the store (reading the request and fetching excluded).",
			Buckets: latencyBuckets,
		}),
		added: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wiretrace_articles_added_total",
			Help: "Articles received for adding, by outcome: added, duplicate, error, skipped.",
		}, []string{"status"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "wiretrace_http_requests_in_flight",
			Help: "HTTP requests being answered.",
		}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.check, m.added, m.inFlight,
		storeCollector{st},
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

func (m *metrics) observe(route, method string, status int, d time.Duration) {
	code := strconv.Itoa(status)
	m.requests.WithLabelValues(route, method, code).Inc()
	m.duration.WithLabelValues(route, method, code).Observe(d.Seconds())
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// storeCollector reads the store's figures when /metrics is scraped.
type storeCollector struct{ st wiretrace.Store }

var (
	articlesDesc = prometheus.NewDesc("wiretrace_store_articles", "Articles in the store.", nil, nil)
	bytesDesc    = prometheus.NewDesc("wiretrace_store_bytes", "Size of the store on disk, in bytes.", nil, nil)
)

func (c storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- articlesDesc
	ch <- bytesDesc
}

func (c storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, err := c.st.Stats(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(articlesDesc, err)
		return
	}
	ch <- prometheus.MustNewConstMetric(articlesDesc, prometheus.GaugeValue, float64(st.Articles))
	ch <- prometheus.MustNewConstMetric(bytesDesc, prometheus.GaugeValue, float64(st.Bytes))
}
