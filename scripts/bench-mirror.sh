#!/usr/bin/env bash
# Measures the CollecTor mirror on this machine against a loopback server (no network needed):
#  - download throughput (MB/s) with 1 vs 4 concurrent downloads, unthrottled and with each
#    connection limited to 8 MiB/s (a distant server);
#  - the time to plan a no-op re-sync of the full 2016 index (2,821 files, 67 GB).
# Usage: scripts/bench-mirror.sh [--files N] [--file-mb M] [--rate BYTES_PER_S] [--index FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q -B -pl jobs -am compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=compile
FLAGS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)
INDEX=parsers/src/test/resources/testdata/collector-index/index-2016-08-22-full.json.xz
# shellcheck disable=SC2086
exec java -Xmx2g $FLAGS -Dlog4j2.level=WARN \
  -cp "jobs/target/classes:parsers/target/classes:$(cat jobs/target/bench.classpath)" \
  org.torspark.collector.MirrorBench --index "$INDEX" "$@"
