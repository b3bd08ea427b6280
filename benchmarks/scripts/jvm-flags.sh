#!/usr/bin/env bash
# Sourced by the benchmark scripts: sets OMNISTOCK_JVM_FLAGS to the JVM flags omnistock needs with the journal on
# the class path (docs/jvm-flags.md, kept in .mvn/jvm.config), plus the JDK 24+ one where that flag exists.
# Needs ROOT (the repository root) to be set.
OMNISTOCK_JVM_FLAGS="$(tr '\n' ' ' < "$ROOT/.mvn/jvm.config")"
if [ "$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')" -ge 24 ]; then
  OMNISTOCK_JVM_FLAGS="$OMNISTOCK_JVM_FLAGS --sun-misc-unsafe-memory-access=allow"
fi
export OMNISTOCK_JVM_FLAGS
# Tuning, not required: back the heap with transparent huge pages where the kernel offers them (THP "madvise" or
# "always"; a no-op elsewhere). The state machine's tables are read at random, and 4 KiB pages cost a TLB miss on
# almost every lookup (docs/jvm-flags.md). Every JVM that measures speed gets it, the in-process peers' included
# (not HeapPerPosition, which measures bytes).
OMNISTOCK_TUNING_FLAGS="-XX:+UseTransparentHugePages"
export OMNISTOCK_TUNING_FLAGS
