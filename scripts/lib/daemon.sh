# Shared helpers for the local infrastructure scripts (kafka.sh, ferretdb.sh):
# a background process tracked by a pid file, started detached so it outlives the caller.

# is_running PIDFILE: true while the process named in PIDFILE is alive.
is_running() {
  local pidfile=$1
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

# start_daemon PIDFILE LOGFILE CMD...: runs CMD in its own session, output to LOGFILE.
start_daemon() {
  local pidfile=$1 logfile=$2
  shift 2
  setsid "$@" >"$logfile" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

# stop_daemon PIDFILE NAME: SIGTERM, wait up to 30 s for a clean stop, then SIGKILL.
stop_daemon() {
  local pidfile=$1 name=$2 pid
  if ! is_running "$pidfile"; then
    rm -f "$pidfile"
    echo "$name: not running"
    return 0
  fi
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$name: did not stop within 30 s, killing pid $pid" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  echo "$name: stopped"
}

# wait_ready NAME PIDFILE LOGFILE TIMEOUT_S PROBE...: polls PROBE (a real client call)
# until it succeeds; fails early with the log tail if the process dies.
wait_ready() {
  local name=$1 pidfile=$2 logfile=$3 timeout=$4
  shift 4
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ! is_running "$pidfile"; then
      echo "$name: exited during start-up; last lines of $logfile:" >&2
      tail -n 30 "$logfile" >&2
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$name: not ready after ${timeout} s; last lines of $logfile:" >&2
      tail -n 30 "$logfile" >&2
      return 1
    fi
    sleep 0.3
  done
}

# fingerprint FILES...: a hash of the files that decide what a cached build contains.
fingerprint() {
  cat "$@" | sha256sum | cut -d' ' -f1
}

# now_ms: wall clock in milliseconds; seconds_since MS: elapsed since then, as "1.23 s".
now_ms() { date +%s%3N; }
seconds_since() { awk -v ms=$(($(now_ms) - $1)) 'BEGIN { printf "%.2f s", ms / 1000 }'; }
