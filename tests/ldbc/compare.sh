#!/usr/bin/env bash
# compare — ties' answers to LDBC IC1, IC13 and IC14 on ldbc-tiny, row by row,
# against the same questions asked of PostgreSQL (tests/ldbc/ic*.sql over
# tables filled by COPY from the same CSV files, so PostgreSQL computes its
# answers independently of ties).  Rows: every row of the data set's
# interactive_{1,13,14}_param.txt, 200 rows per query drawn with a fixed seed
# (`ties ldbc params`), and edge cases (same person, unknown persons).
# Answers are compared as JSON (parsed and re-serialised by node: same
# values, same key order).
#
#   tests/ldbc/compare.sh [TIES_BIN]     last line: "ldbc: N passed, N failed"
#
# Skips (0 passed, 0 failed, with the reason) when the shared data or the
# PostgreSQL server binaries are absent.  Stops the server it starts.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/ties}
data=${TIES_SHARED:-$root/../shared}/data/ldbc-tiny
here=$root/tests/ldbc

skip() {
  echo "ldbc: skipped: $1"
  echo "ldbc: 0 passed, 0 failed"
  exit 0
}
[ -d "$data/dynamic" ] || skip "no LDBC data at $data"
"$root/scripts/pg-temp.sh" bin >/dev/null 2>&1 || skip "no PostgreSQL server (apt-get install postgresql)"
command -v psql >/dev/null || skip "no psql"
command -v node >/dev/null || skip "no node"

# One JSON value per line in, the same values serialised canonically out.
canon() {
  node -e '
    const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    for (const l of lines) console.log(JSON.stringify(JSON.parse(l)));' "$1"
}

tmp=$(mktemp -d)
pgdir=$(mktemp -d)
cleanup() {
  "$root/scripts/pg-temp.sh" stop "$pgdir"
  rm -rf "$tmp" "$pgdir"
}
trap cleanup EXIT

passed=0
failed=0
fail() {
  echo "ldbc: FAIL $*"
  failed=$((failed + 1))
}

# ---- ties ---------------------------------------------------------------------
if ! "$bin" ldbc load "$data" --db "$tmp/ties.db" >"$tmp/load.json" 2>"$tmp/load.err"; then
  fail "ties ldbc load: $(cat "$tmp/load.err")"
  echo "ldbc: $passed passed, $failed failed"
  exit 1
fi

# ---- PostgreSQL ---------------------------------------------------------------
if ! conn=$("$root/scripts/pg-temp.sh" start "$pgdir" 2>"$tmp/pg.err"); then
  fail "cannot start PostgreSQL: $(head -5 "$tmp/pg.err")"
  echo "ldbc: $passed passed, $failed failed"
  exit 1
fi
psql_q() { psql "$conn" -X -q -v ON_ERROR_STOP=1 "$@"; }
if ! { cat "$here/pg_schema.sql"; sed "s|@DIR@|$data|g" "$here/pg_load_merged.sql"
       cat "$here/pg_finish.sql"; } | psql_q -f - >"$tmp/pgload.log" 2>&1; then
  fail "loading PostgreSQL: $(grep -m3 ERROR "$tmp/pgload.log")"
  echo "ldbc: $passed passed, $failed failed"
  exit 1
fi

# Both sides hold the same persons and friendships.
n_ties=$(node -e 'const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(c.persons + " " + c.knows)' "$tmp/load.json")
n_pg=$(psql_q -At -c "SELECT (SELECT count(*) FROM ldbc.person), (SELECT count(*) / 2 FROM ldbc.knows)" | tr '|' ' ')
if [ "$n_ties" = "$n_pg" ]; then passed=$((passed + 1)); else fail "counts: ties $n_ties, PostgreSQL $n_pg"; fi

# Answers one parameter file on PostgreSQL: PREPARE the query, EXECUTE per row.
pg_answers() {  # query params-file
  local q=$1 params=$2 types
  case $q in ic1) types="bigint, text" ;; *) types="bigint, bigint" ;; esac
  {
    echo '\pset tuples_only on'
    echo '\pset format unaligned'
    printf 'PREPARE q(%s) AS\n' "$types"
    cat "$here/$q.sql"
    echo ';'
    tail -n +2 "$params" | while IFS='|' read -r a b; do
      [ -n "$a" ] || continue
      if [ "$q" = ic1 ]; then
        printf "EXECUTE q(%s, '%s');\n" "$a" "${b//\'/\'\'}"
      else
        printf 'EXECUTE q(%s, %s);\n' "$a" "$b"
      fi
    done
  } | psql_q -f -
}

declare -A official=([ic1]=interactive_1_param.txt [ic13]=interactive_13_param.txt
                     [ic14]=interactive_14_param.txt)
for q in ic1 ic13 ic14; do
  p=$tmp/$q.params
  cp "$data/substitution_parameters/${official[$q]}" "$p"
  [ -z "$(tail -c1 "$p")" ] || echo >>"$p"
  "$bin" ldbc params "$q" --db "$tmp/ties.db" --count 200 --seed 7 | tail -n +2 >>"$p"
  if [ "$q" != ic1 ]; then  # same person, unknown persons
    first=$(sed -n 2p "$p" | cut -d'|' -f1)
    printf '%s|%s\n%s|1\n1|%s\n1|1\n' "$first" "$first" "$first" "$first" >>"$p"
  else
    first=$(sed -n 2p "$p" | cut -d'|' -f1)
    printf "1|Jose\n%s|NoSuchName\n%s|\n" "$first" "$first" >>"$p"
  fi
  rows=$(($(wc -l <"$p") - 1))
  if ! "$bin" ldbc query "$q" --db "$tmp/ties.db" <"$p" >"$tmp/$q.ties" 2>"$tmp/$q.err"; then
    fail "$q: ties ldbc query: $(cat "$tmp/$q.err")"
    continue
  fi
  if ! pg_answers "$q" "$p" >"$tmp/$q.pg" 2>"$tmp/$q.pgerr"; then
    fail "$q: PostgreSQL: $(grep -m3 ERROR "$tmp/$q.pgerr")"
    continue
  fi
  canon "$tmp/$q.ties" >"$tmp/$q.ties.n" 2>/dev/null || { fail "$q: ties wrote invalid JSON"; continue; }
  canon "$tmp/$q.pg" >"$tmp/$q.pg.n" 2>/dev/null || { fail "$q: PostgreSQL wrote invalid JSON"; continue; }
  nt=$(wc -l <"$tmp/$q.ties.n")
  np=$(wc -l <"$tmp/$q.pg.n")
  if [ "$nt" -ne "$rows" ] || [ "$np" -ne "$rows" ]; then
    fail "$q: $rows rows, ties answered $nt, PostgreSQL $np"
    continue
  fi
  eq=0
  shown=0
  for ((i = 1; i <= rows; i++)); do
    t=$(sed -n "${i}p" "$tmp/$q.ties.n")
    g=$(sed -n "${i}p" "$tmp/$q.pg.n")
    if [ "$t" = "$g" ]; then
      eq=$((eq + 1))
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      if [ $shown -lt 3 ]; then
        shown=$((shown + 1))
        echo "ldbc: FAIL $q row $i ($(sed -n "$((i + 1))p" "$p")):"
        echo "  ties:       ${t:0:400}"
        echo "  PostgreSQL: ${g:0:400}"
      fi
    fi
  done
  nonempty=$(grep -cv '^\[\]$\|shortestPathLength":-1' "$tmp/$q.ties.n")
  echo "ldbc: $q: $eq of $rows rows equal to PostgreSQL ($nonempty with a non-empty answer)"
done

echo "ldbc: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
