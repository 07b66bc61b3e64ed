#!/usr/bin/env bash
# Start or stop Virtuoso Open Source 7.2 (Debian's virtuoso-opensource) on 127.0.0.1.
#
#   scripts/virtuoso-server.sh start      # prints url=..., pid=..., dir=... and returns once /sparql answers
#   scripts/virtuoso-server.sh stop PID [DIR]
#
# A new database in a temporary folder, from the template scripts/virtuoso.ini,
# on two free ports (SQL and HTTP). The anonymous SPARQL user is granted
# SPARQL_UPDATE, so /sparql takes updates and /sparql-graph-crud takes Graph
# Store Protocol writes; the dba account (password dba) reaches the
# Digest-authenticated /sparql-auth and /sparql-graph-crud-auth.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/server-common.sh"

case "${1:-}" in
  start)
    command -v virtuoso-t >/dev/null || { echo "virtuoso-server: virtuoso-t not found; apt-get install virtuoso-opensource" >&2; exit 1; }
    dir=$(mktemp -d "${TMPDIR:-/tmp}/kgraph-virtuoso.XXXXXX")
    sql_port=$(free_port)
    http_port=$(free_port)
    while [ "$http_port" = "$sql_port" ]; do http_port=$(free_port); done
    sed -e "s|@DIR@|$dir|g" -e "s|@SQL_PORT@|$sql_port|g" -e "s|@HTTP_PORT@|$http_port|g" "$here/virtuoso.ini" >"$dir/virtuoso.ini"
    (cd "$dir" && exec virtuoso-t +foreground +configfile "$dir/virtuoso.ini" >"$dir/server.log" 2>&1) &
    pid=$!
    url="http://127.0.0.1:$http_port"
    if ! wait_ready "$url/sparql?query=ASK%7B%7D" "$pid" 600; then
      echo "virtuoso-server: not ready after 60 s; log follows" >&2
      tail -n 30 "$dir/server.log" "$dir/virtuoso.log" >&2 || true
      stop_pid "$pid" "$dir"
      exit 1
    fi
    if ! isql-vt "127.0.0.1:$sql_port" dba dba "$here/virtuoso-grants.sql" >"$dir/grants.log" 2>&1; then
      echo "virtuoso-server: the grants failed; log follows" >&2
      cat "$dir/grants.log" >&2
      stop_pid "$pid" "$dir"
      exit 1
    fi
    echo "url=$url"
    echo "pid=$pid"
    echo "dir=$dir"
    echo "sql_port=$sql_port"
    ;;
  stop)
    stop_pid "${2:?usage: $0 stop PID [DIR]}" "${3:-}"
    ;;
  *)
    echo "usage: $0 start | stop PID [DIR]" >&2
    exit 2
    ;;
esac
