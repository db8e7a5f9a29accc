#!/usr/bin/env bash
# bench-ldbc — `make bench-ldbc`: LDBC SNB Interactive v1 IC1, IC13 and IC14
# on ldbc-sf01, ties beside PostgreSQL in the same run.
#
# Loads the data set into a fresh ties database (`ties ldbc load`) and, with
# COPY from the same CSV files, into a throw-away PostgreSQL (Debian's
# server, unix socket only, scripts/pg-temp.sh), then runs
# build/rel/bench_ldbc: LDBC_ROWS parameter rows per query (default 200)
# drawn with seed LDBC_SEED (default 42), median and p99 latency of each
# side, their ratio, and whether every answer is equal.  Stops PostgreSQL
# and removes everything it made.  LDBC_TIES and LDBC_BENCH override the
# binaries (default ./ties and build/rel/bench_ldbc).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${TIES_SHARED:-$(cd .. && pwd)/shared}/data/ldbc-sf01
rows=${LDBC_ROWS:-200}
seed=${LDBC_SEED:-42}
if [ ! -f "$data/person_0_0.csv" ]; then
  echo "bench-ldbc: no LDBC SF0.1 data at $data (set TIES_SHARED)" >&2
  exit 1
fi
ties=${LDBC_TIES:-./ties}
bench=${LDBC_BENCH:-build/rel/bench_ldbc}
[ -x "$bench" ] && [ -x "$ties" ] || { echo "bench-ldbc: run 'make bench-ldbc'" >&2; exit 1; }

tmp=$(mktemp -d)
pgdir=$(mktemp -d)
cleanup() {
  scripts/pg-temp.sh stop "$pgdir" || true
  rm -rf "$tmp" "$pgdir"
}
trap cleanup EXIT

echo "bench-ldbc: data $data"
t0=$(date +%s.%N)
"$ties" ldbc load "$data" --db "$tmp/ties.db" >"$tmp/load.json"
t1=$(date +%s.%N)
printf 'ties: loaded in %.1f s: %s\n' "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$(cat "$tmp/load.json")"

conn=$(scripts/pg-temp.sh start "$pgdir")
t0=$(date +%s.%N)
{ cat tests/ldbc/pg_schema.sql; sed "s|@DIR@|$data|g" tests/ldbc/pg_load_composite.sql
  cat tests/ldbc/pg_finish.sql; } | psql "$conn" -X -q -v ON_ERROR_STOP=1 -f - >"$tmp/pg.log" 2>&1 ||
  { cat "$tmp/pg.log" >&2; exit 1; }
t1=$(date +%s.%N)
printf 'PostgreSQL %s: loaded in %.1f s\n' \
  "$(psql "$conn" -X -At -c 'SHOW server_version')" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"

"$bench" --db "$tmp/ties.db" --pg "$conn" --sql tests/ldbc --rows "$rows" --seed "$seed"
