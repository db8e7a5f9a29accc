#!/usr/bin/env bash
# bench — `make bench`: the network index (issue 3) and people search
# (issue 5) on a generated professional network, beside SQLite and
# PostgreSQL answering the same questions, in one run.  See bench/README.md
# for what each figure means.
#
#   1. builds ./ties, build/rel/libties.a and build/bench/{net,people}_bench
#      (with the Makefile's compiler flags);
#   2. the data: `ties gen --members N --avg-degree 150 --seed 1` into
#      build/bench/gen-N.db, kept for later runs (storing 75M connections
#      takes minutes); the FTS5 table the SQLite peer searches is added to
#      that store once;
#   3. PostgreSQL (Debian's server, unix socket only, never TCP): a cluster in
#      build/bench/pg-N, loaded once from the store with COPY (members,
#      positions, connections, and a `people` table with a tsvector for full
#      text) and the indexes a competent user would make; kept for later runs
#      and reloaded when the store is a new one.  Stopped when this script
#      ends, however it ends;
#   4. runs net_bench and people_bench (tables on stdout, progress on
#      stderr) and prints one line per goal at the end.
#
# Environment:
#   BENCH_MEMBERS       members (default 1000000)
#   BENCH_PAIRS         random pairs for ties' network questions (10000)
#   BENCH_PEER_PAIRS    of those, how many each peer answers (100) for degree,
#                       mutual count and path
#   BENCH_LIMIT_MS      the time limit of one of those peer queries, ms (1000)
#   BENCH_SEARCHERS     random searchers for ties' people search (1000)
#   BENCH_PEER_DEEP     peer queries that need the whole third hop: network
#                       size, and each kind of people search (10)
#   BENCH_DEEP_LIMIT_MS the time limit of one of those, ms (20000)
#   BENCH_PG=0          leave PostgreSQL out
set -euo pipefail
cd "$(dirname "$0")/.."

n=${BENCH_MEMBERS:-1000000}
pairs=${BENCH_PAIRS:-10000}
peer_pairs=${BENCH_PEER_PAIRS:-100}
searchers=${BENCH_SEARCHERS:-1000}
limit_ms=${BENCH_LIMIT_MS:-1000}
deep=${BENCH_PEER_DEEP:-10}
deep_limit_ms=${BENCH_DEEP_LIMIT_MS:-20000}
use_pg=${BENCH_PG:-1}
for v in "$n" "$pairs" "$peer_pairs" "$searchers" "$limit_ms" "$deep" "$deep_limit_ms"; do
  case $v in '' | *[!0-9]*) echo "bench: BENCH_* values are whole numbers" >&2; exit 2 ;; esac
done
[ "$n" -ge 2 ] || { echo "bench: BENCH_MEMBERS must be at least 2" >&2; exit 2; }

out=build/bench
db=$out/gen-$n.db
pgdir=$(pwd)/$out/pg-$n
log() { echo "bench: $*" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
mkdir -p "$out"

# ---- 1. build ------------------------------------------------------------------
unset MAKEFLAGS MFLAGS MAKELEVEL
make -s ties build/rel/libties.a
# shellcheck disable=SC2016 # $($*) is make's, not the shell's
mk() { make -s --no-print-directory --eval 'bench-print-%: ; @echo $($*)' "bench-print-$1"; }
cflags="$(mk CSTD) $(mk WARN) $(mk CFLAGS_REL) $(mk PKGCFLAGS) $(mk LIBPQ_CFLAGS)"
libs="$(mk PKGLIBS) -lpq"
for p in net_bench people_bench; do
  # shellcheck disable=SC2086
  gcc $cflags -Isrc -Ibench -o "$out/$p" "bench/$p.c" build/rel/libties.a $libs
done

# ---- 2. the generated network, and the SQLite FTS5 table ------------------------
if [ ! -f "$db" ]; then
  log "generating $n members (ties gen) into $db; minutes for 1,000,000 (kept for later runs)"
  rm -f "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
  # `ties gen` stores everything in one transaction (the (b, a) index of
  # connections is built at its end, by sorting: src/social/bulk.c); with
  # SQLite's default 2 MB page cache its pages would spill to the WAL and be
  # re-read all along.  The store's suggested cache size (a header field)
  # gives that process up to 4 GB; it is set back to the default afterwards,
  # so every later reader has SQLite's usual cache.
  sqlite3 "$db.tmp" "PRAGMA default_cache_size = 1000000" >/dev/null
  t0=$(now)
  ./ties gen --members "$n" --avg-degree 150 --seed 1 --db "$db.tmp" >"$out/gen-$n.json"
  sqlite3 "$db.tmp" "PRAGMA default_cache_size = 0; PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  since "$t0" >"$out/gen-$n.seconds"
  rm -f "$out/gen-$n.fts" "$db-wal" "$db-shm"
  for f in -wal -shm ""; do
    if [ -e "$db.tmp$f" ]; then mv "$db.tmp$f" "$db$f"; fi
  done
  log "generated in $(cat "$out/gen-$n.seconds") s: $(cat "$out/gen-$n.json")"
fi
if [ ! -s "$out/gen-$n.fts" ] ||
   [ "$(sqlite3 -readonly "$db" "SELECT count(*) FROM sqlite_master WHERE name = 'bench_fts'")" != 1 ]; then
  log "building the SQLite FTS5 table bench_fts in $db (once)"
  pages0=$(sqlite3 "$db" "PRAGMA page_count")
  t0=$(now)
  sqlite3 "$db" >/dev/null <<'SQL'
PRAGMA synchronous = OFF;
BEGIN;
DROP TABLE IF EXISTS bench_fts;
-- what a user of SQLite would make: FTS5 over the profile text (the same
-- fields ties indexes for these members), English Porter stemming, accents
-- folded, prefix indexes for typeahead; contentless, the text is in members
CREATE VIRTUAL TABLE bench_fts USING fts5(name, headline, location, title, company,
  content = '', tokenize = 'porter unicode61 remove_diacritics 2', prefix = '1 2 3 4');
INSERT INTO bench_fts(rowid, name, headline, location, title, company)
  SELECT m.id, m.display_name, m.headline, m.location, coalesce(p.title, ''),
         coalesce(p.company, '')
  FROM members m LEFT JOIN positions p ON p.member_id = m.id AND p.ord = 0;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
  secs=$(since "$t0")
  pages1=$(sqlite3 "$db" "PRAGMA page_count")
  psize=$(sqlite3 "$db" "PRAGMA page_size")
  echo "$secs $(( (pages1 - pages0) * psize ))" >"$out/gen-$n.fts"
fi
read -r fts_secs fts_bytes <"$out/gen-$n.fts"

# ---- 3. PostgreSQL -------------------------------------------------------------
conn=""
pg_started=0
as_pg() {  # runs a command as the server's user (PostgreSQL refuses root)
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
  if [ "$pg_started" = 1 ]; then
    log "stopping PostgreSQL"
    scripts/pg-temp.sh stop "$pgdir" || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_start() {
  local bin=$1
  # fsync off: a throw-away copy of the store, rebuilt if anything is wrong.
  # 2 GB of shared buffers for a read-mostly database of this size; work_mem
  # stays at the default 4 MB (see bench/bench_common.h, pg_open).
  pg_started=1
  as_pg "$bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 120 \
    -o "-c listen_addresses='' -c unix_socket_directories='$pgdir/sock' -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=2GB \
        -c maintenance_work_mem=1GB -c effective_cache_size=8GB \
        -c max_wal_size=8GB -c max_connections=10 -c timezone=UTC" \
    start >/dev/null || { tail -20 "$pgdir/server.log" >&2; exit 1; }
  conn="host=$pgdir/sock user=postgres dbname=postgres"
}

pg_load() {
  local q=(psql "$conn" -X -q -v ON_ERROR_STOP=1)
  "${q[@]}" <<'SQL'
CREATE TABLE members (id int NOT NULL, handle text NOT NULL, display_name text NOT NULL,
  headline text NOT NULL, location text NOT NULL);
CREATE TABLE positions (member_id int NOT NULL, ord int NOT NULL, title text NOT NULL,
  company text NOT NULL);
CREATE TABLE connections (a int NOT NULL, b int NOT NULL);
SQL
  local s=(sqlite3 -readonly -batch -csv -noheader "$db")
  log "PostgreSQL: COPY members"
  "${s[@]}" "SELECT id, handle, display_name, headline, location FROM members" |
    "${q[@]}" -c "COPY members FROM STDIN (FORMAT csv)"
  log "PostgreSQL: COPY positions"
  "${s[@]}" "SELECT member_id, ord, title, company FROM positions" |
    "${q[@]}" -c "COPY positions FROM STDIN (FORMAT csv)"
  log "PostgreSQL: COPY connections"
  "${s[@]}" "SELECT a, b FROM connections" |
    "${q[@]}" -c "COPY connections FROM STDIN (FORMAT csv)"
  log "PostgreSQL: indexes, the people table, VACUUM ANALYZE"
  "${q[@]}" <<'SQL'
SET maintenance_work_mem = '1GB';
ALTER TABLE members ADD PRIMARY KEY (id);
ALTER TABLE positions ADD PRIMARY KEY (member_id, ord);
-- connections once per pair (a < b), as in the store: both directions indexed
ALTER TABLE connections ADD PRIMARY KEY (a, b);
CREATE INDEX connections_b ON connections (b, a);
-- full text over the same profile text, English Snowball (these profiles
-- declare no other language), weighted: name and headline A, position B,
-- city C; GIN index; and a name index for typeahead (prefix queries)
CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, doc tsvector NOT NULL);
INSERT INTO people
  SELECT m.id, m.display_name,
         setweight(to_tsvector('english', m.display_name), 'A') ||
         setweight(to_tsvector('english', m.headline), 'A') ||
         setweight(to_tsvector('english', coalesce(p.title, '') || ' ' || coalesce(p.company, '')), 'B') ||
         setweight(to_tsvector('english', m.location), 'C')
  FROM members m LEFT JOIN positions p ON p.member_id = m.id AND p.ord = 0;
CREATE INDEX people_doc ON people USING gin (doc);
CREATE INDEX people_name ON people USING gin (to_tsvector('simple', name));
VACUUM (ANALYZE);
SQL
}

pg_note=""
if [ "$use_pg" != 0 ]; then
  bin=$(scripts/pg-temp.sh bin) || { echo "bench: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }
  stamp="$n $(stat -c %i "$db") $(cat "$out/gen-$n.json" 2>/dev/null || true)"
  scripts/pg-temp.sh stop "$pgdir" || true # a server an interrupted run left
  if [ -f "$pgdir/loaded" ] && [ "$(head -1 "$pgdir/loaded")" = "$stamp" ]; then
    log "PostgreSQL: starting the cluster loaded earlier ($pgdir)"
    pg_start "$bin"
  else
    log "PostgreSQL: a new cluster in $pgdir, loaded from $db (once; minutes for 1,000,000 members)"
    rm -rf "$pgdir"
    scripts/pg-temp.sh init "$pgdir"
    pg_start "$bin"
    t0=$(now)
    pg_load
    printf '%s\n%s\n' "$stamp" "$(since "$t0")" >"$pgdir/loaded"
  fi
  pg_secs=$(sed -n 2p "$pgdir/loaded")
  pg_note=$(psql "$conn" -X -At -F ' ' -c "SELECT split_part(current_setting('server_version'), ' ', 1),
      pg_total_relation_size('connections'), pg_total_relation_size('people')")
fi

# ---- 4. run ----------------------------------------------------------------------
goals=$out/goals-$n.txt
: >"$goals"
store_bytes=$(stat -c %s "$db")
gb() { awk -v b="$1" 'BEGIN { printf "%.2f GB", b / 1e9 }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }
echo "# ties benchmark ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM)"
echo
echo "Data: ties gen --members $n --avg-degree 150 --seed 1: $(cat "$out/gen-$n.json" 2>/dev/null || echo '?')"
[ -s "$out/gen-$n.seconds" ] && echo "(generated and stored in $(cat "$out/gen-$n.seconds") s, kept in $db)"
echo
echo "Peers:"
echo "- SQLite $(sqlite3 -version | cut -d' ' -f1): the store file itself, $(gb "$store_bytes"), read-only, 1 GiB page cache;" \
     "FTS5 table bench_fts added to it, $(mb "$fts_bytes"), built in $fts_secs s"
if [ -n "$pg_note" ]; then
  read -r pg_ver pg_conn pg_people <<<"$pg_note"
  echo "- PostgreSQL $pg_ver (unix socket, 2 GB shared buffers, JIT off): connections with their two indexes" \
       "$(gb "$pg_conn"), people with its GIN indexes $(mb "$pg_people"); loaded from the store (COPY, indexes," \
       "VACUUM ANALYZE) in $pg_secs s"
else
  echo "- PostgreSQL: not run (BENCH_PG=0)"
fi

log "network: ties, then the peers"
build/bench/net_bench --db "$db" --pg "$conn" --pairs "$pairs" --peer-pairs "$peer_pairs" \
  --limit-ms "$limit_ms" --deep-pairs "$deep" --deep-limit-ms "$deep_limit_ms" --goals "$goals"
log "people search: ties, then the peers"
build/bench/people_bench --db "$db" --pg "$conn" --searchers "$searchers" \
  --peer-queries "$deep" --limit-ms "$deep_limit_ms" --goals "$goals"

echo
echo "## Goals ($n members)"
echo
cat "$goals"
