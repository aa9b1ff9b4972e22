#!/usr/bin/env bash
# Try the cluster profile on one machine: a private PostgreSQL and three Window hosts on free loopback ports.
#   silo-config/local-cluster.sh up     start everything, print one "url: http://127.0.0.1:<port>" line per host, return
#   silo-config/local-cluster.sh down   stop everything and remove what "up" created
# Staff accounts (desk, officer, supervisor, admin and one per department) get the password printed by "up".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
state="${WINDOW_LOCAL_CLUSTER_DIR:-$root/.local-cluster}"
hosts=3

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
pg_bin() {
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  echo "local-cluster: PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2; exit 1
}

up() {
  if [ -e "$state" ]; then echo "local-cluster: $state exists; run '$0 down' first" >&2; exit 1; fi
  mkdir -p "$state"
  local bin; bin="$(pg_bin)"
  local pg_port; pg_port="$(free_port)"
  mkdir -p "$state/pg"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$state/pg"
  as_postgres "$bin/initdb" -D "$state/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$state/pg/initdb.log"
  as_postgres "$bin/pg_ctl" -D "$state/pg/data" -l "$state/pg/server.log" -w -o "-p $pg_port -k $state/pg -c listen_addresses=127.0.0.1" start >/dev/null
  "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -q -c 'CREATE DATABASE "window"' >/dev/null
  echo "$pg_port" >"$state/pg/port"

  dotnet build "$root/src/Window.Host" -c Release -nologo -v quiet >"$state/build.log"
  local dll="$root/src/Window.Host/bin/Release/net10.0/Window.Host.dll"
  export Window__Database__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=window"
  export Window__Secrets__MasterKey; Window__Secrets__MasterKey="$(head -c 32 /dev/urandom | base64)"
  export Window__Orleans__ClusterId="local-$(date +%s)"
  echo "$Window__Secrets__MasterKey" >"$state/master.key"; chmod 600 "$state/master.key"

  local password; password="local-$(head -c 9 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  echo "$password" >"$state/password"; chmod 600 "$state/password"
  for account in "desk desk" "officer officer" "supervisor supervisor" "admin admin" \
                 "talent-office department talent-office" "housing department housing" "health department health" \
                 "education department education" "hrss department hrss" "public-security department public-security" \
                 "finance department finance" "science-tech department science-tech"; do
    # shellcheck disable=SC2086
    WINDOW_PASSWORD="$password" dotnet "$dll" users add $account --config "$root/silo-config/cluster.json" >>"$state/users.log"
  done

  for i in $(seq 1 "$hosts"); do
    local http silo gateway
    http="$(free_port)"; silo="$(free_port)"; gateway="$(free_port)"
    Window__Orleans__SiloPort="$silo" Window__Orleans__GatewayPort="$gateway" \
      nohup dotnet "$dll" --config "$root/silo-config/cluster.json" --urls "http://127.0.0.1:$http" >"$state/host$i.log" 2>&1 &
    echo $! >"$state/host$i.pid"
    echo "$http" >"$state/host$i.port"
  done

  for i in $(seq 1 "$hosts"); do
    local port; port="$(cat "$state/host$i.port")"
    for _ in $(seq 1 120); do
      if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then break; fi
      if ! kill -0 "$(cat "$state/host$i.pid")" 2>/dev/null; then echo "local-cluster: host $i exited; see $state/host$i.log" >&2; exit 1; fi
      sleep 0.5
    done
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "local-cluster: host $i not ready; see $state/host$i.log" >&2; exit 1; }
  done

  echo "Window cluster: $hosts hosts on PostgreSQL port $pg_port; staff password: $password (users desk, officer, supervisor, admin, departments by id)"
  for i in $(seq 1 "$hosts"); do echo "url: http://127.0.0.1:$(cat "$state/host$i.port")"; done
}

down() {
  [ -d "$state" ] || { echo "local-cluster: nothing to stop"; return; }
  for pidfile in "$state"/host*.pid; do
    [ -e "$pidfile" ] || continue
    local pid; pid="$(cat "$pidfile")"
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pidfile in "$state"/host*.pid; do
    [ -e "$pidfile" ] || continue
    local pid; pid="$(cat "$pidfile")"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ -f "$state/pg/data/postmaster.pid" ]; then
    as_postgres "$(pg_bin)/pg_ctl" -D "$state/pg/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$state"
  echo "Window cluster stopped and removed."
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
