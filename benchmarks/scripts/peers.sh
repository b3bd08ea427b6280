#!/usr/bin/env bash
# Starts or stops the comparison's peers: PostgreSQL 15 and Redis, on 127.0.0.1 only, with throwaway data.
#
#   benchmarks/scripts/peers.sh start   # installs them from Debian packages if missing, starts them, creates the
#                                       # database and user omnistock/omnistock
#   benchmarks/scripts/peers.sh stop    # stops them and deletes their data
#
# Settings (environment): OMNISTOCK_PEERS_DIR (data, logs, sockets; default benchmarks/target/peers/servers, on the
# same disk as omnistock's journal so that fsyncs cost the same), OMNISTOCK_PG_PORT (55432),
# OMNISTOCK_REDIS_PORT (56379). Non-default ports, so a system PostgreSQL or Redis is left alone.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUN_DIR="${OMNISTOCK_PEERS_DIR:-$ROOT/benchmarks/target/peers/servers}"
PG_PORT="${OMNISTOCK_PG_PORT:-55432}"
REDIS_PORT="${OMNISTOCK_REDIS_PORT:-56379}"
PG_BIN=/usr/lib/postgresql/15/bin

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# PostgreSQL refuses to run as root: as root, run its commands as the postgres user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

install_if_missing() {
  if [ -x "$PG_BIN/postgres" ] && command -v redis-server >/dev/null; then
    return
  fi
  echo "peers: installing postgresql-15 and redis-server (Debian packages)"
  as_root apt-get update
  # postgresql-15, not the postgresql metapackage: PG_BIN names version 15, which the benchmark is specified for
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15 redis-server
  # The packages may start their default instances; this comparison runs its own, so stop those again.
  as_root service redis-server stop >/dev/null 2>&1 || true
  as_root service postgresql stop >/dev/null 2>&1 || true
}

start_postgres() {
  mkdir -p "$RUN_DIR"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$RUN_DIR"; fi
  if ! as_pg "test -w '$RUN_DIR'"; then
    echo "peers: the user that runs PostgreSQL ($(if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi))" \
      "cannot write $RUN_DIR (is a folder above it closed to other users, like /root?);" \
      "set OMNISTOCK_PEERS_DIR to a folder it can reach, e.g. /tmp/omnistock-peers" >&2
    return 1
  fi
  if [ ! -f "$RUN_DIR/pg/PG_VERSION" ]; then
    echo omnistock > "$RUN_DIR/pg.password"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$RUN_DIR/pg.password"; fi
    as_pg "$PG_BIN/initdb -D '$RUN_DIR/pg' -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --pwfile='$RUN_DIR/pg.password' >'$RUN_DIR/initdb.log'"
  fi
  as_pg "$PG_BIN/pg_ctl -D '$RUN_DIR/pg' -l '$RUN_DIR/pg.log' -w start -o \
    \"-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories='$RUN_DIR' \
      -c shared_buffers=512MB -c max_connections=200 -c fsync=on -c synchronous_commit=on\""
  as_pg "psql -h '$RUN_DIR' -p $PG_PORT -U postgres -v ON_ERROR_STOP=1 -q -c \
    \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'omnistock') THEN \
      CREATE ROLE omnistock LOGIN PASSWORD 'omnistock'; END IF; END \\\$\\\$;\""
  if ! as_pg "psql -h '$RUN_DIR' -p $PG_PORT -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname = 'omnistock'\"" \
      | grep -q 1; then
    as_pg "createdb -h '$RUN_DIR' -p $PG_PORT -U postgres -O omnistock omnistock"
  fi
  echo "peers: PostgreSQL 15 on 127.0.0.1:$PG_PORT (data $RUN_DIR/pg)"
}

start_redis() {
  mkdir -p "$RUN_DIR/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes --dir "$RUN_DIR/redis" \
    --appendonly yes --appendfsync everysec --save "" --daemonize yes \
    --pidfile "$RUN_DIR/redis.pid" --logfile "$RUN_DIR/redis.log"
  for _ in $(seq 50); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  echo "peers: Redis $(redis-server --version | awk '{print $3}') on 127.0.0.1:$REDIS_PORT (AOF on, data $RUN_DIR/redis)"
}

stop_all() {
  if [ -f "$RUN_DIR/pg/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl -D '$RUN_DIR/pg' -m fast -w stop" || true
  fi
  if [ -f "$RUN_DIR/redis.pid" ]; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  fi
  rm -rf "$RUN_DIR"
  echo "peers: stopped, data removed"
}

case "${1:-}" in
  start)
    install_if_missing
    # One server failing to start leaves the other to start (the comparison skips only the one it cannot reach);
    # the exit status still says that something failed. Each runs in a process of its own: `set -e` is ignored
    # inside a function called on the left of `||`.
    status=0
    bash "$0" start-postgres || status=$?
    bash "$0" start-redis || status=$?
    exit "$status"
    ;;
  start-postgres)
    start_postgres
    ;;
  start-redis)
    start_redis
    ;;
  stop)
    stop_all
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
