#!/usr/bin/env bash
# pg-temp — a throw-away PostgreSQL for the LDBC comparison tests and
# benchmarks: Debian's server binaries, a data directory inside DIR, a unix
# socket in DIR/sock and no TCP at all (listen_addresses='').  PostgreSQL
# refuses to run as root, so under uid 0 the server runs as the `postgres`
# system user, which then owns DIR.
#
#   scripts/pg-temp.sh init DIR    initdb only (a caller that starts it with its own settings)
#   scripts/pg-temp.sh start DIR   initdb + start; prints the libpq conninfo
#   scripts/pg-temp.sh stop DIR    stop the server (fast shutdown) and wait
#   scripts/pg-temp.sh bin         prints the server's bin directory (exit 1 if none)
#
# Connect with: psql "$(scripts/pg-temp.sh start DIR)" (host=DIR/sock user=postgres).
set -euo pipefail

pg_bin() {
  local d
  for d in ${PG_BIN:-} /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

as_pg() {  # runs a command as the server's user
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

cmd=${1:-}
case "$cmd" in
bin)
  pg_bin
  ;;
init | start)
  dir=${2:?usage: pg-temp.sh $cmd DIR}
  bin=$(pg_bin) || { echo "pg-temp: no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 1; }
  mkdir -p "$dir/sock"
  if [ "$(id -u)" -eq 0 ]; then
    getent passwd postgres >/dev/null || { echo "pg-temp: running as root and there is no postgres user" >&2; exit 1; }
    chown -R postgres "$dir"
  fi
  chmod 700 "$dir" "$dir/sock"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  [ "$cmd" = init ] && exit 0
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir/sock' -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=128MB \
        -c work_mem=64MB -c max_connections=10 -c timezone=UTC" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  echo "host=$dir/sock user=postgres dbname=postgres"
  ;;
stop)
  dir=${2:?usage: pg-temp.sh stop DIR}
  bin=$(pg_bin) || exit 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  fi
  ;;
*)
  echo "usage: pg-temp.sh init DIR | start DIR | stop DIR | bin" >&2
  exit 2
  ;;
esac
