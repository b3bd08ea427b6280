#!/usr/bin/env bash
# Builds, starts PostgreSQL and Redis on loopback, runs the side-by-side comparison, and stops them again (even on
# failure or Ctrl-C). Results: benchmarks/target/peers/peers.json and peers.md.
#
#   benchmarks/scripts/compare.sh [--quick|--full] [more Comparison options, e.g. --workloads hot-sku]
#
# --quick (default): 100,000 positions, 1 s warm-up + 2 s measured per run, about 5 minutes in all.
# --full: 1,000,000 positions, 5 s + 20 s per run; 32 minutes (78 runs: 6 workloads x 13 systems, plus loading) inside the first full benchmarks.sh run.
# When the peers cannot be started, the in-process systems still run and the others are reported as skipped.
# Ports: OMNISTOCK_PG_PORT and OMNISTOCK_REDIS_PORT (as peers.sh; default 55432 and 56379).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
MODE=quick
HEAP=3g
case "${1:-}" in
  --quick) shift ;;
  --full) MODE=full; HEAP=8g; shift ;;
esac

# benchmarks.sh builds once and sets OMNISTOCK_SKIP_BUILD=1 before calling this script.
if [ -z "${OMNISTOCK_SKIP_BUILD:-}" ]; then
  mvn -B -q -DskipTests -pl benchmarks -am package
fi

trap 'benchmarks/scripts/peers.sh stop' EXIT
benchmarks/scripts/peers.sh start || echo "compare: the peers did not start; PostgreSQL and Redis will be skipped"

# shellcheck source=benchmarks/scripts/jvm-flags.sh
. benchmarks/scripts/jvm-flags.sh
# shellcheck disable=SC2086
java $OMNISTOCK_JVM_FLAGS $OMNISTOCK_TUNING_FLAGS -Xms$HEAP -Xmx$HEAP -XX:+UseG1GC -cp benchmarks/target/benchmarks.jar \
  io.omnistock.benchmarks.peers.Comparison --mode "$MODE" \
  --postgres-url "jdbc:postgresql://127.0.0.1:${OMNISTOCK_PG_PORT:-55432}/omnistock" \
  --redis-port "${OMNISTOCK_REDIS_PORT:-56379}" "$@"
