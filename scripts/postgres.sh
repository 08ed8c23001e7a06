#!/usr/bin/env bash
# Throwaway PostgreSQL servers for the tests and the benchmark: each lives in
# a directory of its own, listens only on a Unix socket in that directory,
# and is gone with it.
#
#   scripts/postgres.sh start DIR PORT [SETTING=VALUE...]   # initdb if needed, start, print its URL
#   scripts/postgres.sh stop DIR                            # stop (fast), keep the files
#
# The server runs as the user "postgres" when this script runs as root
# (initdb refuses root), creating a throwaway user "wiretrace-pg" if there
# is no such user. It installs PostgreSQL with apt-get when no initdb is
# found. Settings given after the port go to postgresql.conf; CI passes
# fsync=off: it tests wiretrace, not the server's durability. The server's
# user must be able to reach DIR: its parent directories must be
# searchable by others (mktemp -d makes a directory only its owner
# enters). The URL it prints names the database "postgres" as the
# superuser "postgres"; the port only names the socket file.
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }

bindir() {
	local d
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		[ -x "$d/initdb" ] && { echo "$d"; return; }
	done
	if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
		pg_config --bindir
		return
	fi
	echo "postgres.sh: no initdb found, installing PostgreSQL" >&2
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -q >&2
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends postgresql postgresql-contrib >&2
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		[ -x "$d/initdb" ] && { echo "$d"; return; }
	done
	die "PostgreSQL installed, but still no initdb"
}

# as runs a command as the server's user.
as() {
	if [ "$(id -u)" -ne 0 ]; then
		"$@"
		return
	fi
	local user=postgres
	if ! id "$user" >/dev/null 2>&1; then
		user=wiretrace-pg
		id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
	fi
	# runuser keeps the environment minimal and needs no password.
	runuser -u "$user" -- "$@"
}

owner() {
	if [ "$(id -u)" -eq 0 ]; then
		if id postgres >/dev/null 2>&1; then echo postgres; else echo wiretrace-pg; fi
	else
		id -un
	fi
}

start() {
	local dir=$1 port=$2
	shift 2
	[ ${#dir} -lt 80 ] || die "$dir: a Unix socket path must stay short; use a shorter directory"
	local bin
	bin=$(bindir)
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	# The server's user must reach the directory.
	chmod 755 "$dir"
	if [ "$(id -u)" -eq 0 ]; then
		as true # creates the server's user if needed
		chown "$(owner)" "$dir"
	fi
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		as "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
			{ cat "$dir/initdb.log" >&2; die "initdb failed"; }
		{
			echo "listen_addresses = ''"
			echo "unix_socket_directories = '$dir'"
			echo "port = $port"
			echo "max_connections = 200"
			echo "shared_buffers = 128MB"
			for s in "$@"; do echo "${s%%=*} = '${s#*=}'"; done
		} >>"$dir/data/postgresql.conf"
	fi
	as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
		{ cat "$dir/server.log" >&2; die "server in $dir did not start"; }
	echo "postgres://postgres@/postgres?host=$dir&port=$port"
}

stop() {
	local dir=$1
	[ -f "$dir/data/postmaster.pid" ] || return 0
	as "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
}

case "${1:-}" in
start) [ $# -ge 3 ] || die "usage: $0 start DIR PORT [SETTING=VALUE...]"; shift; start "$@" ;;
stop) [ $# -eq 2 ] || die "usage: $0 stop DIR"; stop "$2" ;;
*) die "usage: $0 start DIR PORT [SETTING=VALUE...] | stop DIR" ;;
esac
