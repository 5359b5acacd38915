#!/usr/bin/env bash
# Message ingestion over HTTP, measured beside two baselines in the same run on this machine:
#   bare   an endpoint that only parses and answers (the ceiling),
#   naive  an endpoint that does one INSERT per request (the plain design),
# then ChronusCRM in both storage modes, from many senders and into one hot conversation.
# Usage: bench/run.sh   (DURATION=10s ROUNDS=3 WARMUP=30s CONNECTIONS=64 SENDERS=10000 by default)
#
# All servers run at once and every round measures every row in turn, so that a round's rows
# are seconds apart: this machine's speed drifts by a third within minutes, and rows measured
# one after another would compare different machines. A silo that is not being measured is
# frozen (SIGSTOP): idle, its timers and stream polling still take about 3 % of a core.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/postgres.sh

DURATION="${DURATION:-10s}"
# Measured rounds, after one warm-up per row; each row reports its median round.
ROUNDS="${ROUNDS:-3}"
# The median round's place among the rounds sorted by throughput.
MIDDLE=$(( (ROUNDS + 1) / 2 ))
# Long enough for the JIT to finish its optimised tier (still busy at 15 s on two cores) and
# every conversation to be active.
WARMUP="${WARMUP:-30s}"
CONNECTIONS="${CONNECTIONS:-64}"
SENDERS="${SENDERS:-10000}"
KEY="sk_live_BenchmarkAdminKey00000000000"
command -v wrk >/dev/null || { apt-get update -qq; apt-get install -y -qq wrk >/dev/null; }

start_postgres
for project in bench/Baseline src/Silo; do dotnet build -c Release "$project" -v quiet -nologo >/dev/null; done
work="$(mktemp -d /tmp/chronus-bench.XXXXXX)"
servers=()
# The silos' process ids by HTTP port.
declare -A silo_on_port=()
trap 'kill -CONT "${silo_on_port[@]}" 2>/dev/null; kill "${servers[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; stop_postgres' EXIT

# Starts a server in the background and waits for its port.
serve() {
  local port="$1"; shift
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use: another server would be measured"; exit 1
  fi
  "$@" >"$work/server-$port.log" 2>&1 &
  servers+=("$!")
  for _ in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.5
  done
  echo "server on $port did not start"; cat "$work/server-$port.log"; exit 1
}

# The baselines' server, with the environment given after its port.
baseline() {
  local port="$1"; shift
  exec env "$@" dotnet bench/Baseline/bin/Release/net10.0/ChronusCrm.Bench.Baseline.dll --urls "http://127.0.0.1:$port"
}

# A silo of its own per storage mode, each with its own Orleans ports.
chronus() {
  local port="$1" silo="$2" gateway="$3"; shift 3
  exec env "$@" Chronus__BootstrapApiKey="$KEY" Logging__LogLevel__Default=Warning \
    Orleans__SiloPort="$silo" Orleans__GatewayPort="$gateway" ASPNETCORE_URLS="http://127.0.0.1:$port" \
    dotnet src/Silo/bin/Release/net10.0/ChronusCrm.Silo.dll
}

serve 5091 baseline 5091
serve 5092 baseline 5092 ConnectionStrings__Postgres="$(create_database naive)"
serve 5093 chronus 5093 11111 30000 Chronus__DataDirectory="$work/data"
silo_on_port[5093]="${servers[-1]}"
serve 5094 chronus 5094 11112 30001 ConnectionStrings__Postgres="$(create_database chronus)"
silo_on_port[5094]="${servers[-1]}"

# Only the silo under measurement runs; the baselines' servers have nothing to do when idle.
thaw_only() {
  kill -STOP "${silo_on_port[@]}"
  local port="${1#http://127.0.0.1:}"
  port="${port%%/*}"
  if [ -n "${silo_on_port[$port]:-}" ]; then
    kill -CONT "${silo_on_port[$port]}"
    sleep 1
  fi
}

# name | url | wrk script | its arguments ("@KEY" stands for a fresh ingestion key)
rows=(
  "bare endpoint (ceiling)|http://127.0.0.1:5091/bare|many-senders|$SENDERS $KEY"
  "naive: one INSERT per request, SQLite|http://127.0.0.1:5091/naive|many-senders|$SENDERS $KEY"
  "naive: one INSERT per request, PostgreSQL|http://127.0.0.1:5092/naive|many-senders|$SENDERS $KEY"
  "ChronusCRM embedded, many senders|http://127.0.0.1:5093/webhooks/messages/incoming|many-senders|$SENDERS @KEY"
  "ChronusCRM embedded, one hot conversation|http://127.0.0.1:5093/webhooks/messages/incoming|hot-conversation|@KEY"
  "ChronusCRM PostgreSQL, many senders|http://127.0.0.1:5094/webhooks/messages/incoming|many-senders|$SENDERS @KEY"
  "ChronusCRM PostgreSQL, one hot conversation|http://127.0.0.1:5094/webhooks/messages/incoming|hot-conversation|@KEY"
)

# wrk's latency in ms, whatever unit it printed.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.1f", v}'; }

# A new ingestion key on the server at the URL, with the largest allowance a key may have, so
# that no run draws on the allowance an earlier run used up.
new_key() {
  curl -sf -X POST "${1%/webhooks/*}/api-keys" -H "X-API-Key: $KEY" \
    -H 'Content-Type: application/json' \
    -d '{"name":"bench","scopes":["messages:write"],"rateLimitPerMinute":1000000}' |
    sed -E 's/.*"key":"([^"]+)".*/\1/'
}

keyed() {
  local url="$1"; shift
  for argument in "$@"; do [ "$argument" = "@KEY" ] && new_key "$url" || echo "$argument"; done
}

# Runs one row for one round ("warm" is thrown away) and appends rps|p50|p99|non-2xx to its file.
run_row() {
  local index="$1" round="$2" length="$3"
  local name url script arguments
  IFS='|' read -r name url script arguments <<<"${rows[$index]}"
  thaw_only "$url"
  # Each round has its own tag, so its provider message ids are new, not retries.
  local out
  out="$(wrk -t2 -c"$CONNECTIONS" -d"$length" --latency -s "bench/$script.lua" "$url" -- \
    $(keyed "$url" $arguments) "$round")"
  [ "$round" = warm ] && return 0
  local rps p50 p99 errors
  rps="$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)"
  p99="$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)"
  errors="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
  echo "$rps|$p50|$p99|${errors:-0}" >>"$work/row-$index"
  echo "round $round: ${name}: $rps messages/s, p99 $p99 ms"
}

for index in "${!rows[@]}"; do run_row "$index" warm "$WARMUP"; done
for round in $(seq 1 "$ROUNDS"); do
  for index in "${!rows[@]}"; do run_row "$index" "run$round" "$DURATION"; done
done

echo
echo "| run | messages/s (median of $ROUNDS) | p50 ms | p99 ms | non-2xx | range of the rounds |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for index in "${!rows[@]}"; do
  # The round with the median throughput, with its own latencies; the range shows the spread.
  sorted="$(sort -t'|' -k1,1n "$work/row-$index")"
  median="$(sed -n "${MIDDLE}p" <<<"$sorted")"
  range="$(awk -F'|' 'NR==1 {low=$1} {high=$1} END {print low "-" high}' <<<"$sorted")"
  IFS='|' read -r rps p50 p99 errors <<<"$median"
  echo "| ${rows[$index]%%|*} | $rps | $p50 | $p99 | $errors | $range |"
done

# The ratios round by round (the rows of one round are seconds apart), then their medians.
echo
paste -d'|' "$work/row-0" "$work/row-2" "$work/row-5" |
  awk -F'|' '{printf "%d %.2f %.2f\n", NR, $9 / $5, $9 / $1}' >"$work/ratios"
while read -r round naive bare; do
  echo "round $round: PostgreSQL mode, many senders: ${naive}x the naive baseline, ${bare}x the bare ceiling"
done <"$work/ratios"
echo "median of the rounds: $(awk '{print $2}' "$work/ratios" | sort -n | sed -n "${MIDDLE}p")x the naive baseline," \
  "$(awk '{print $3}' "$work/ratios" | sort -n | sed -n "${MIDDLE}p")x the bare ceiling"
