#!/usr/bin/env bash
# `make serve REPLICAS=N [SERVERS="host:port ..."] [LB_PORT=8500] [LB_BIND=127.0.0.1] [FIRST_PORT=8501]`: N dashboard
# replicas on ports FIRST_PORT.. of this machine, plus any replicas already running elsewhere, behind HAProxy on LB_PORT.
# Runs in the foreground like `make run`; Ctrl-C (or the end of HAProxy) stops the local replicas too.
set -euo pipefail
cd "$(dirname "$0")/.."
REPLICAS=${REPLICAS:-2}; SERVERS=${SERVERS:-}; LB_PORT=${LB_PORT:-8500}; LB_BIND=${LB_BIND:-127.0.0.1}
FIRST_PORT=${FIRST_PORT:-8501}
PY=${PY:-.venv/bin/python}; RUN_DIR=deploy/run
mkdir -p "$RUN_DIR"
# shellcheck disable=SC2086  # SERVERS is a list of host:port words
$PY deploy/haproxy_config.py --replicas "$REPLICAS" --servers $SERVERS --port "$LB_PORT" --bind "$LB_BIND" \
  --first-port "$FIRST_PORT" \
  > "$RUN_DIR/haproxy.cfg"
haproxy -c -q -f "$RUN_DIR/haproxy.cfg"

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait; rm -f "$RUN_DIR"/*.pid; }
trap stop EXIT INT TERM
for ((i = 1; i <= REPLICAS; i++)); do
  port=$((FIRST_PORT + i - 1))
  # the same server `make run` starts (same models), one process per replica, from the repository root so
  # .streamlit/config.toml applies; 127.0.0.1 only unless REPLICA_BIND says otherwise
  DASHBOARD_MODELS="${MODELS:-}" DASHBOARD_MODELS_FILE="${MODELS_FILE:-}" $PY -m streamlit run dashboard/app.py \
    --server.port "$port" --server.address "${REPLICA_BIND:-127.0.0.1}" --server.headless true \
    --browser.gatherUsageStats false --server.fileWatcherType none > "$RUN_DIR/replica-$i.log" 2>&1 &
  pids+=($!); echo $! > "$RUN_DIR/replica-$i.pid"
done
for ((i = 1; i <= REPLICAS; i++)); do  # HAProxy's own checks would also wait, but a clear start is nicer
  for _ in $(seq 300); do
    $PY -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
      "http://127.0.0.1:$((FIRST_PORT + i - 1))/_stcore/health" 2>/dev/null && break
    kill -0 "${pids[$((i - 1))]}" 2>/dev/null || { echo "replica $i exited: see $RUN_DIR/replica-$i.log"; exit 1; }
    sleep 0.2
  done
done
echo "$REPLICAS local replica(s) ${SERVERS:+and $SERVERS }behind HAProxy: http://$LB_BIND:$LB_PORT (Ctrl-C stops)"
haproxy -db -f "$RUN_DIR/haproxy.cfg" &
pids+=($!); echo $! > "$RUN_DIR/haproxy.pid"
wait "${pids[-1]}"
