#!/usr/bin/env bash
# The one command that reproduces BENCHMARKS.md: builds, runs every benchmark piece, then writes BENCHMARKS.md and
# the charts in docs/benchmarks/ from what they measured.
#
#   benchmarks/scripts/benchmarks.sh [--quick|--full] [--m5 <folder>]
#
# --quick (default): about 5 minutes on 2 cores (5 min 8 s measured in December 2026). A JMH subset (1 fork, 1 x 1 s
#   warm-up, 2 x 1 s measured), heap per position at 10M positions, journal figures on 200k commands and 5M events,
#   open-loop rates 100k-2M/s (1 s + 2 s each, every rate run even after p99 broke, so that 2M commands/s, the rate
#   of the p99 target, is always measured), and the comparison on m5, uniform-1line and hot-sku (1 s warm-up + 2 s
#   measured per run).
# --full: every JMH scenario at the documented settings (2 forks, 5 x 1 s + 5 x 1 s), journal figures on 1M commands
#   and 10M events, the full open-loop ramp (16 rates, 5 s + 20 s each), every comparison workload (5 s + 20 s per
#   run); 59 minutes end to end when first run (2026-11-23, 2 cores).
# --m5 <folder>: the M5 data (default ../shared/data/m5 from the repository root); when absent, the M5 workload is
#   reported as skipped, with the reason.
#
# PostgreSQL and Redis are installed if missing and started on 127.0.0.1 (benchmarks/scripts/peers.sh, through
# compare.sh), on ports 55433 and 56380 (OMNISTOCK_PG_PORT, OMNISTOCK_REDIS_PORT), and stopped again on exit, also
# on failure or Ctrl-C. Intermediate JSON: benchmarks/target/report/.
# Exit code: 0, or 1 when a piece failed (the report is still written from what ran); JMH runs with -foe true, so one
# benchmark that fails fails the JMH piece.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
MODE=quick
M5_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --full) MODE=full ;;
    --m5) M5_ARGS=(--m5 "$2"); shift ;;
    *) echo "usage: $0 [--quick|--full] [--m5 <folder>]" >&2; exit 2 ;;
  esac
  shift
done

# The benchmark's own PostgreSQL and Redis ports, apart from the ones the tests use (55432, 56379): the tests
# (StockServicesAgreeTest) reload whatever server they reach there, so a `mvn verify` running beside a benchmark
# must not reach the benchmark's servers.
export OMNISTOCK_PG_PORT="${OMNISTOCK_PG_PORT:-55433}"
export OMNISTOCK_REDIS_PORT="${OMNISTOCK_REDIS_PORT:-56380}"
RESULTS=benchmarks/target/report
STARTED_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
FAILED=0
step() { echo; echo "== $(date -u +%H:%M:%S) $*"; }

step "building (mvn -B -q -DskipTests -pl benchmarks -am package)"
mvn -B -q -DskipTests -pl benchmarks -am package
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
# shellcheck source=benchmarks/scripts/jvm-flags.sh
. benchmarks/scripts/jvm-flags.sh
JAR=benchmarks/target/benchmarks.jar

# JMH_INCLUDE: the benchmarks JMH runs (a regular expression found in the full name, as JMH reads it); the report
# gets the same pattern, so that the allocation target knows which benchmarks must have a result.
if [ "$MODE" = quick ]; then
  JMH_SETTINGS=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
  JMH_INCLUDE='ReserveReleaseUniformBenchmark.reserveAndRelease|ReserveReleaseZipfBenchmark|HotSkuBenchmark|LifecycleBenchmark|MultiLineReserveBenchmark|ArrayFloorBenchmark|MemoryLatencyBenchmark'
  JOURNAL_ARGS=(200000 5000000)
  LATENCY_ARGS=(--quick --keep-going --rates 100000,250000,500000,1000000,2000000)
  COMPARE_ARGS=(--quick --workloads m5,uniform-1line,hot-sku)
else
  JMH_SETTINGS=()
  JMH_INCLUDE='io.omnistock.benchmarks.machine.*'
  JOURNAL_ARGS=(1000000 10000000)
  LATENCY_ARGS=(--keep-going)
  COMPARE_ARGS=(--full)
fi

step "state machine alone: JMH ${JMH_SETTINGS[*]} $JMH_INCLUDE"
# -foe true: a benchmark that throws, or a fork that dies, stops JMH with a non-zero exit and no jmh.json, rather
# than dropping out of the results unseen.
java -jar "$JAR" -foe true -prof gc -rf json -rff "$RESULTS/jmh.json" "${JMH_SETTINGS[@]}" "$JMH_INCLUDE" \
  > "$RESULTS/jmh.log" 2>&1 \
  || { rc=$?; FAILED=1
    echo "JMH FAILED (exit $rc): with -foe true, a benchmark that throws or whose fork dies stops JMH, which then" \
      "writes no jmh.json, so every JMH target reads not measured. The end of $RESULTS/jmh.log:" >&2
    tail -n 15 "$RESULTS/jmh.log" >&2; }
tail -n 30 "$RESULTS/jmh.log" | grep -E '^(Benchmark|[A-Za-z]+Benchmark\.[A-Za-z]+ )' || true

step "heap per position at 10,000,000 positions"
# shellcheck disable=SC2086
java $OMNISTOCK_JVM_FLAGS -Xmx4g -XX:+UseG1GC -cp "$JAR" io.omnistock.benchmarks.memory.HeapPerPosition \
  --positions 10000000 --json "$RESULTS/memory.json" || FAILED=1

step "journal, recovery and snapshots: JournalFigures ${JOURNAL_ARGS[*]}"
# shellcheck disable=SC2086
java $OMNISTOCK_JVM_FLAGS $OMNISTOCK_TUNING_FLAGS -Xms4g -Xmx4g -XX:+UseG1GC -cp "$JAR" io.omnistock.benchmarks.journal.JournalFigures \
  "$RESULTS/journal-work" "${JOURNAL_ARGS[@]}" "$RESULTS/journal.json" || FAILED=1

step "latency under load, open loop: OpenLoopHarness ${LATENCY_ARGS[*]}"
# shellcheck disable=SC2086
java $OMNISTOCK_JVM_FLAGS $OMNISTOCK_TUNING_FLAGS -Xms2g -Xmx2g -XX:+UseG1GC -cp "$JAR" io.omnistock.benchmarks.latency.OpenLoopHarness \
  "${LATENCY_ARGS[@]}" --out "$RESULTS" || FAILED=1

step "side by side with the peers: compare.sh ${COMPARE_ARGS[*]} ${M5_ARGS[*]}"
OMNISTOCK_SKIP_BUILD=1 benchmarks/scripts/compare.sh "${COMPARE_ARGS[@]}" "${M5_ARGS[@]}" --out "$RESULTS" \
  --data-dir "$RESULTS/peers-data" || FAILED=1

step "writing BENCHMARKS.md and the charts"
rm -f docs/benchmarks/*.png   # no chart of an earlier run survives next to this run's figures
java -cp "$JAR" io.omnistock.benchmarks.report.BenchmarkReport --results "$RESULTS" --mode "$MODE" \
  --jmh-include "$JMH_INCLUDE" --load-start "$LOAD_START" --started-at "$STARTED_AT" --out BENCHMARKS.md \
  --charts docs/benchmarks

cat <<DONE

Outputs:
  BENCHMARKS.md                        the report (targets, tables per workload, machine, settings)
  docs/benchmarks/*.png                the charts (the README shows throughput.png and latency-m5.png)
  $RESULTS/jmh.json, jmh.log   JMH results (-prof gc) and console
  $RESULTS/memory.json          heap bytes per position
  $RESULTS/journal.json         journal, recovery and snapshot figures
  $RESULTS/latency.json, .md    open-loop latency
  $RESULTS/peers.json, .md      the comparison with PostgreSQL, Redis and the locked maps
DONE
if [ "$FAILED" -ne 0 ]; then
  echo "benchmarks: a piece failed (see above); BENCHMARKS.md reports what ran" >&2
fi
exit "$FAILED"
