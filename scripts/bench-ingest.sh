#!/usr/bin/env bash
# Measures `wiretrace add` of a generated WARC.gz of news pages (10,000 by
# default; WIRETRACE_BENCH_PAGES=N for another size) into a fresh store:
# articles/s, MB/s of compressed input, articles per CPU-second and peak
# RSS, with one worker and with one per CPU. The uptime line says how busy
# the machine was: wall-clock rates fall when it is shared, CPU-second
# rates much less.
set -euo pipefail
cd "$(dirname "$0")/.."
uptime
go test -run '^$' -bench 'AddWARC' -benchtime 1x -count "${COUNT:-1}" ./cmd/wiretrace
uptime
