#!/usr/bin/env bash
# Message ingestion over HTTP, measured beside two baselines in the same run on this machine:
#   bare   an endpoint that only parses and answers (the ceiling),
#   naive  an endpoint that does one INSERT per request (the plain design),
# then ChronusCRM in both storage modes, from many senders and into one hot conversation.
# Usage: bench/run.sh   (DURATION=10s ROUNDS=3 WARMUP=30s CONNECTIONS=64 SENDERS=10000 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/postgres.sh

DURATION="${DURATION:-10s}"
# Measured rounds per row, after one warm-up; the row reports the median round.
ROUNDS="${ROUNDS:-3}"
# Long enough for the JIT to finish its optimised tier (still busy at 15 s on two cores) and
# every conversation to be active.
WARMUP="${WARMUP:-30s}"
CONNECTIONS="${CONNECTIONS:-64}"
SENDERS="${SENDERS:-10000}"
KEY="sk_live_BenchmarkAdminKey00000000000"
command -v wrk >/dev/null || { apt-get update -qq; apt-get install -y -qq wrk >/dev/null; }

start_postgres
for project in bench/Baseline src/Silo; do dotnet build -c Release "$project" -v quiet -nologo >/dev/null; done
results="$(mktemp /tmp/chronus-bench.XXXXXX)"

# Starts a server in the background and waits for its port.
serve() {
  local port="$1"; shift
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use: another server would be measured"; exit 1
  fi
  "$@" >/tmp/chronus-bench-server.log 2>&1 &
  server=$!
  for _ in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.5
  done
  echo "server on $port did not start"; cat /tmp/chronus-bench-server.log; exit 1
}

stop_server() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }

# wrk's latency in ms, whatever unit it printed.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.1f", v}'; }

# A new ingestion key on the server under test, with the largest allowance a key may have, so
# that no run draws on the allowance an earlier run used up.
new_key() {
  curl -sf -X POST "http://127.0.0.1:$port/api-keys" -H "X-API-Key: $KEY" \
    -H 'Content-Type: application/json' \
    -d '{"name":"bench","scopes":["messages:write"],"rateLimitPerMinute":1000000}' |
    sed -E 's/.*"key":"([^"]+)".*/\1/'
}

# Runs a load with the script's arguments ("@KEY" stands for a fresh key each time): a warm-up
# that is thrown away, then ROUNDS measured rounds.
measure() {
  local name="$1" url="$2" script="$3"; shift 3
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$script" "$url" -- $(keyed "$@") warm >/dev/null
  local runs; runs="$(mktemp /tmp/chronus-bench-runs.XXXXXX)"
  for round in $(seq 1 "$ROUNDS"); do
    # Each round has its own tag, so its provider message ids are new, not retries.
    local out; out="$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$script" "$url" -- $(keyed "$@") "run$round")"
    local rps p50 p99 errors
    rps="$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")"
    p50="$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)"
    errors="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
    echo "$rps|$p50|$p99|${errors:-0}" >>"$runs"
  done

  # The round with the median throughput, with its own latencies; the range shows the spread.
  local sorted median range
  sorted="$(sort -t'|' -k1,1n "$runs")"
  median="$(sed -n "$(( (ROUNDS + 1) / 2 ))p" <<<"$sorted")"
  range="$(awk -F'|' 'NR==1 {low=$1} {high=$1} END {print low "-" high}' <<<"$sorted")"
  printf '%s|%s|%s\n' "$name" "$median" "$range" | tee -a "$results"
  rm -f "$runs"
}

keyed() { for argument in "$@"; do [ "$argument" = "@KEY" ] && new_key || echo "$argument"; done; }

port=5099
serve $port dotnet bench/Baseline/bin/Release/net10.0/ChronusCrm.Bench.Baseline.dll --urls "http://127.0.0.1:$port"
measure "bare endpoint (ceiling)" "http://127.0.0.1:$port/bare" bench/many-senders.lua "$SENDERS" "$KEY"
measure "naive: one INSERT per request, SQLite" "http://127.0.0.1:$port/naive" bench/many-senders.lua "$SENDERS" "$KEY"
stop_server

serve $port env ConnectionStrings__Postgres="$(create_database naive)" \
  dotnet bench/Baseline/bin/Release/net10.0/ChronusCrm.Bench.Baseline.dll --urls "http://127.0.0.1:$port"
measure "naive: one INSERT per request, PostgreSQL" "http://127.0.0.1:$port/naive" bench/many-senders.lua "$SENDERS" "$KEY"
stop_server

chronus() {
  local mode="$1"; shift
  serve $port env "$@" Chronus__BootstrapApiKey="$KEY" Logging__LogLevel__Default=Warning \
    ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet src/Silo/bin/Release/net10.0/ChronusCrm.Silo.dll
  local url="http://127.0.0.1:$port/webhooks/messages/incoming"
  measure "ChronusCRM $mode, many senders" "$url" bench/many-senders.lua "$SENDERS" @KEY
  measure "ChronusCRM $mode, one hot conversation" "$url" bench/hot-conversation.lua @KEY
  stop_server
}

chronus embedded Chronus__DataDirectory="$(mktemp -d /tmp/chronus-bench-data.XXXXXX)"
chronus PostgreSQL ConnectionStrings__Postgres="$(create_database chronus)"

echo
echo "| run | messages/s (median of $ROUNDS) | p50 ms | p99 ms | non-2xx | range of the rounds |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
awk -F'|' '{printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}' "$results"
echo
awk -F'|' '
  /bare/ {bare=$2} /naive.*PostgreSQL/ {naive=$2}
  /ChronusCRM PostgreSQL, many/ {pg=$2}
  END {printf "PostgreSQL mode, many senders: %.2fx the naive baseline, %.2fx the bare ceiling\n", pg/naive, pg/bare}
' "$results"
rm -f "$results"
