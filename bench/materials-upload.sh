#!/usr/bin/env bash
# Memory while uploading a 100 MB material file (issue 24): starts the built host on a fresh data folder (embedded
# profile, SQLite), signs in as the desk, opens a case and uploads one 100 MB PDF through the API, sampling the host's
# resident memory (VmRSS) every 50 ms. Prints the baseline, the peak during the upload and the growth.
# Build first: dotnet build src/Window.Host -c Release (or BUILD_CONFIG=Debug; not CONFIG: the host reads that as --config)
set -euo pipefail
cd "$(dirname "$0")/.."
config=${BUILD_CONFIG:-Release}
size_mb=${SIZE_MB:-100}
port=${PORT:-5199}
work=$(mktemp -d)
trap 'kill "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true; rm -rf "$work"' EXIT

Window__DataDir="$work/data" Window__Materials__MaxFileBytes=$(( (size_mb + 10) * 1024 * 1024 )) \
  Window__Materials__MaxCaseBytes=$(( (size_mb + 10) * 1024 * 1024 )) Window__WorkflowsDir="$PWD/workflows" \
  "src/Window.Host/bin/$config/net10.0/Window.Host" --urls "http://127.0.0.1:$port" > "$work/host.log" 2>&1 &
host=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 600); do curl -fs "$base/health/ready" > /dev/null && break; sleep 0.5; done
curl -fs "$base/health/ready" > /dev/null || { echo "the host did not start:"; tail -20 "$work/host.log"; exit 1; }

jar="$work/cookies"
curl -fs -c "$jar" -H 'Content-Type: application/json' -d '{"username":"desk","password":"window-demo"}' "$base/api/auth/login" > /dev/null
xsrf=$(awk '$6 == "XSRF-TOKEN" { print $7 }' "$jar")
id_number=$(python3 -c '
w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; b="33010619900101077"
print(b + "10X98765432"[sum(int(c)*x for c,x in zip(b,w)) % 11])')
case_id=$(curl -fs -b "$jar" -H "X-XSRF-TOKEN: $xsrf" -H 'Content-Type: application/json' -H "Idempotency-Key: bench-open-$$" \
  -d "{\"talent\":{\"name\":\"测试\",\"idNumber\":\"$id_number\",\"phone\":\"13800000000\",\"tier\":\"C\"},\"items\":[\"medical-checkup\"],\"materials\":[\"identity-card\",\"health-questionnaire\"],\"deferred\":[]}" \
  "$base/api/cases" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

{ printf '%%PDF-1.4\n'; head -c $(( size_mb * 1024 * 1024 )) /dev/urandom; printf '\n%%%%EOF\n'; } > "$work/big.pdf"
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$host/status"; }
sleep 2
baseline=$(rss)
peak=$baseline
curl -fs -o "$work/answer.json" -w '%{http_code} %{time_total}s\n' -b "$jar" -H "X-XSRF-TOKEN: $xsrf" -H "Idempotency-Key: bench-upload-$$" \
  -F "file=@$work/big.pdf;type=application/pdf" "$base/api/cases/$case_id/materials/identity-card/files" > "$work/status" &
upload=$!
while kill -0 "$upload" 2>/dev/null; do now=$(rss); (( now > peak )) && peak=$now; sleep 0.05; done
wait "$upload"
echo "upload: $(cat "$work/status") $(cat "$work/answer.json" | head -c 200)"
echo "file_mb=$size_mb rss_baseline_mb=$(( baseline / 1024 )) rss_peak_mb=$(( peak / 1024 )) rss_growth_mb=$(( (peak - baseline) / 1024 ))"
