#!/usr/bin/env bash
# Runs every test suite and ends with one line "N passed, N failed".
#   scripts/run-tests.sh BUILD_DIR UNIT_BIN...
# Each unit binary is a cmocka program; tests/api/*.test.mjs are black-box
# tests of the real binary (BUILD_DIR/ties), run with node's test runner.
set -u
build="$1"; shift
passed=0; failed=0; failures=()
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export TIES_BIN="$PWD/$build/ties"
export TIES_SHARED="$(cd .. && pwd)/shared"

count() {  # suite-name, passed, failed
  passed=$((passed + $2)); failed=$((failed + $3))
  [ "$3" -eq 0 ] || failures+=("$1")
}

for bin in "$@"; do
  name=$(basename "$bin")
  out=$("$bin" 2>&1); rc=$?
  p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
  f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  printf '%s\n' "$out" | grep -E '^\[  (FAILED|ERROR)|ERROR: AddressSanitizer|runtime error|LeakSanitizer' | head -20
  echo "unit $name: $p passed, $f failed"
  count "$name" "$p" "$f"
done

shopt -s nullglob
api_tests=(tests/api/*.test.mjs)
if [ ${#api_tests[@]} -gt 0 ]; then
  out=$(node --test --test-reporter=tap "${api_tests[@]}" 2>&1); rc=$?
  p=$(printf '%s\n' "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
  f=$(printf '%s\n' "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
  p=${p:-0}; f=${f:-0}
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  [ "$f" -eq 0 ] || printf '%s\n' "$out" | grep -B2 -A25 '^\s*not ok' | head -150
  echo "api: $p passed, $f failed"
  count api "$p" "$f"
fi

# ---- web: the browser tests (playwright-core driving /usr/bin/chromium) ----
web_tests=(tests/web/*.test.mjs)
if [ ${#web_tests[@]} -gt 0 ]; then
  export TIES_WEB_DIST="$PWD/web/dist"
  out=$(node --test --test-reporter=tap "${web_tests[@]}" 2>&1); rc=$?
  p=$(printf '%s\n' "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
  f=$(printf '%s\n' "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
  p=${p:-0}; f=${f:-0}
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  [ "$f" -eq 0 ] || printf '%s\n' "$out" | grep -B2 -A25 '^\s*not ok' | head -150
  echo "web: $p passed, $f failed"
  count web "$p" "$f"
fi

# ---- ldbc: ties against PostgreSQL on LDBC ldbc-tiny (tests/ldbc/compare.sh) ----
# Starts a throw-away PostgreSQL on a unix socket and stops it; skips with a
# message (0 passed, 0 failed) when the shared data or PostgreSQL is absent.
if [ -x tests/ldbc/compare.sh ]; then
  out=$(tests/ldbc/compare.sh "$build/ties" </dev/null 2>&1); rc=$?
  p=$(printf '%s\n' "$out" | sed -n 's/^ldbc: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' | tail -1)
  f=$(printf '%s\n' "$out" | sed -n 's/^ldbc: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' | tail -1)
  p=${p:-0}; f=${f:-0}
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  printf '%s\n' "$out" | grep -vE '^ldbc: [0-9]+ passed' | grep -E '^ldbc: |^  |ERROR|runtime error' | head -40
  echo "ldbc: $p passed, $f failed"
  count ldbc "$p" "$f"
fi

[ ${#failures[@]} -eq 0 ] || echo "failing suites: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
