#!/usr/bin/env bash
# make lint: formatting (.clang-format), cppcheck, and the banned functions of
# docs/STYLE.md.  Exits non-zero on any finding.
set -uo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files 'src/*.c' 'src/*.h' 'tests/unit/*.c' 'bench/*.c' 2>/dev/null)
[ -n "$files" ] || files=$(find src tests/unit bench -name '*.[ch]')
status=0

echo "lint: clang-format"
if ! clang-format --dry-run --Werror $files 2>/tmp/ties-lint-format.txt; then
  head -40 /tmp/ties-lint-format.txt
  echo "lint: formatting differs; run: clang-format -i \$(git ls-files 'src/*.[ch]' 'tests/unit/*.c' 'bench/*.c')"
  status=1
fi

echo "lint: banned functions"
banned='\b(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|atoll|strtok|strncpy|rand|srand)[[:space:]]*\('
if grep -nE "$banned" $files | grep -v '^\s*//' | grep -vE '^[^:]+:[0-9]+:\s*/?\*'; then
  echo "lint: banned function used (see docs/STYLE.md)"
  status=1
fi

echo "lint: cppcheck"
if ! cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,portability,performance \
     --inline-suppr --suppress=missingIncludeSystem -Isrc -D__GNUC__ \
     src tests/unit bench 2>&1 | tee /tmp/ties-lint-cppcheck.txt | head -40; then
  status=1
fi
[ -s /tmp/ties-lint-cppcheck.txt ] && status=1

[ $status -eq 0 ] && echo "lint: clean"
exit $status
