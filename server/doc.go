// Package server is wiretrace's HTTP face: a JSON API under /v1/ (check,
// compare, inspect, add, read and delete articles, store statistics, and
// the provenance views: trace, families, sites), its OpenAPI document,
// health and readiness probes, Prometheus metrics, and a web page where a
// person pastes an article, a URL or an HTML file and sees where it came
// from, side by side, and its story.
//
// It calls the engine as the command line does and sends the same result
// types (package engine), so that `wiretrace check --json` and POST
// /v1/check give the same objects. It reads request bodies through package
// ingest and fetches the URLs requests name through the Fetcher it is
// given (package fetch, behind its SSRF guard). It must not open a store
// (cmd/wiretrace does, through package backend), parse articles itself, or
// keep state of its own beyond metrics and the lock that lets one update
// of the families run at a time: what a request sees is in the store, so
// that many requests can run at once while others add.
//
// Article text is data everywhere: the page renders it through
// html/template, which escapes it, under a Content-Security-Policy that
// allows no inline script or style; the API sends it as JSON with nosniff.
//
// Routes are registered through Handle with an Access level, so that every
// route gets the same authentication, error bodies, metrics and logs.
package server
