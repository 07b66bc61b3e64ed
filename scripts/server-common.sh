# Shared by the server scripts: a free loopback port, a bounded readiness wait, a stop by PID.
# Sourced, not run.

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_ready URL PID TRIES: poll URL every 0.1 s until it answers 2xx, the process dies, or TRIES run out.
wait_ready() {
  local url=$1 pid=$2 tries=$3 i
  for ((i = 0; i < tries; i++)); do
    kill -0 "$pid" 2>/dev/null || return 1
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$url" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

# stop_pid PID [DIR]: TERM, wait up to 10 s, then KILL; remove DIR if given.
stop_pid() {
  local pid=$1 dir=${2:-} i
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  if [ -n "$dir" ] && [ -d "$dir" ]; then rm -rf "$dir"; fi
}
