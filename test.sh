#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing (a PostgreSQL server for the database
# tests, Chromium and CJK fonts for the browser tests), then runs the whole xunit suite.
# Extra arguments go to `dotnet test` (e.g. ./test.sh --filter FullyQualifiedName~Storage).
set -euo pipefail
cd "$(dirname "$0")"

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
# The document tests read the PDFs' text and fonts as a reader would (pdftotext, pdffonts).
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Window.sln "$@" 2>&1 | tee "$log" || status=$?

# One closing line over every test assembly, in the plain form CI reads.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  { f += $(i + 1) }
         if ($i == "Passed:")  { p += $(i + 1) }
         if ($i == "Skipped:") { s += $(i + 1) }
       }
     }
     END { printf "xunit: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
