#!/usr/bin/env bash
# Start or stop an Oxigraph SPARQL server (the `oxigraph` binary from PyPI) on 127.0.0.1.
#
#   scripts/oxigraph-server.sh start      # prints url=..., pid=..., dir=... and returns once it answers
#   scripts/oxigraph-server.sh stop PID [DIR]
#
# The server stores its data in a new temporary folder, listens on a free
# port, and serves /query, /update and /store (Graph Store Protocol) with the
# union of all graphs as the default graph, as kgraph's memory store does.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/server-common.sh"

oxigraph_bin() {
  if [ -x "$here/../.venv/bin/oxigraph" ]; then echo "$here/../.venv/bin/oxigraph"; return; fi
  command -v oxigraph || { echo "oxigraph-server: no oxigraph binary; pip install oxigraph" >&2; exit 1; }
}

case "${1:-}" in
  start)
    bin=$(oxigraph_bin)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/kgraph-oxigraph.XXXXXX")
    port=$(free_port)
    "$bin" serve --location "$dir/db" --bind "127.0.0.1:$port" --union-default-graph >"$dir/server.log" 2>&1 &
    pid=$!
    url="http://127.0.0.1:$port"
    if ! wait_ready "$url/query?query=ASK%7B%7D" "$pid" 100; then
      echo "oxigraph-server: not ready after 10 s; log follows" >&2
      cat "$dir/server.log" >&2
      stop_pid "$pid" "$dir"
      exit 1
    fi
    echo "url=$url"
    echo "pid=$pid"
    echo "dir=$dir"
    ;;
  stop)
    stop_pid "${2:?usage: $0 stop PID [DIR]}" "${3:-}"
    ;;
  *)
    echo "usage: $0 start | stop PID [DIR]" >&2
    exit 2
    ;;
esac
