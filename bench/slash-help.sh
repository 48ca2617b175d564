#!/usr/bin/env bash
# Benchmark: a signed `/peer help` from a known member, 64 connections, the load tool (wrk) on the same machine.
# Also measures start-up to /healthz 200 with the private cluster already initialised.
# Usage: bench/slash-help.sh [seconds]   (needs wrk: apt-get install wrk)
set -eu
cd "$(dirname "$0")/.."
duration=${1:-20}
port=5199
secret=bench-signing-secret
data=$(mktemp -d /tmp/peerbot-bench-XXXXXX); chmod 755 "$data"
trap 'kill "$bot" 2>/dev/null || true; wait "$bot" 2>/dev/null || true; rm -rf "$data"' EXIT

dotnet build src/Bot -c Release -v q -nologo >/dev/null
run() {
  Slack__SigningSecret=$secret Slack__BotToken=xoxb-bench PeerBot__DataDirectory=$data/cluster \
  Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
  dotnet src/Bot/bin/Release/net10.0/linux-x64/PeerBot.Bot.dll --contentRoot "$PWD/src/Bot/bin/Release/net10.0/linux-x64" --urls http://127.0.0.1:$port >"$data/bot.log" 2>&1 &
  bot=$!
}
wait_healthy() {
  local start=$(date +%s.%N)
  until curl -fs http://127.0.0.1:$port/healthz >/dev/null 2>&1; do sleep 0.05; done
  awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { printf "%.2f", a - b }'
}

run; wait_healthy >/dev/null                  # first start initialises the cluster
kill "$bot"; wait "$bot" || true
run; echo "start-up to /healthz 200 (cluster initialised): $(wait_healthy) s"

body='token=x&team_id=TBENCH&team_domain=bench&channel_id=C1&channel_name=general&user_id=UBENCH&user_name=bench&command=%2Fpeer&text=help&api_app_id=A1&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT%2F1%2Fx&trigger_id=1.2.3'
sign() { local ts=$(date +%s); printf '%s %s\n' "$ts" "v0=$(printf 'v0:%s:%s' "$ts" "$1" | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)"; }
read -r ts sig < <(sign "$body")
# Make the benchmark user a known member first.
join='token=x&team_id=TBENCH&team_domain=bench&channel_id=C1&channel_name=general&user_id=UBENCH&user_name=bench&command=%2Fpeer&text=join+role%3Apeer+subjects%3Amath+tz%3AAmerica%2FChicago&api_app_id=A1&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT%2F1%2Fx&trigger_id=1.2.3'
read -r jts jsig < <(sign "$join")
curl -s -X POST -H "X-Slack-Request-Timestamp: $jts" -H "X-Slack-Signature: $jsig" -H 'Content-Type: application/x-www-form-urlencoded' --data "$join" http://127.0.0.1:$port/slack/commands -w " (HTTP %{http_code})" | head -c 200; echo

cat >"$data/help.lua" <<LUA
wrk.method = "POST"
wrk.body = "$body"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["X-Slack-Request-Timestamp"] = "$ts"
wrk.headers["X-Slack-Signature"] = "$sig"
done = function(summary, latency, requests)
  io.write(string.format("requests/s: %.0f  p50: %.2f ms  p99: %.2f ms  errors: %d non-2xx: %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
LUA
wrk -t2 -c64 -d5s -s "$data/help.lua" http://127.0.0.1:$port/slack/commands >/dev/null   # warm-up
wrk -t2 -c64 -d"${duration}s" --latency -s "$data/help.lua" http://127.0.0.1:$port/slack/commands | tail -1
