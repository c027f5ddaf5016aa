# Shared by the torspark scripts: where things are, how to build, how to start a JVM with Spark.
# shellcheck shell=bash
TORSPARK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TORSPARK_VERSION="0.1.0-SNAPSHOT"
TORSPARK_JAR="$TORSPARK_ROOT/jobs/target/torspark-$TORSPARK_VERSION.jar"
TORSPARK_SPARK_CP="$TORSPARK_ROOT/jobs/target/spark-classpath.txt"
# Local mode stays on loopback unless the user says otherwise.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

# Builds the shaded jar (tests skipped) when it is missing or older than any main source or POM
# (test sources are not in the jar: editing a test does not rebuild it).
torspark_build() {
  local stale=0
  if [ ! -f "$TORSPARK_JAR" ] || [ ! -f "$TORSPARK_SPARK_CP" ]; then
    stale=1
  elif [ -n "$(find "$TORSPARK_ROOT/pom.xml" "$TORSPARK_ROOT/parsers" "$TORSPARK_ROOT/jobs" \
      \( -path '*/src/main/*' -o -name 'pom.xml' \) -type f -newer "$TORSPARK_JAR" \
      -not -path '*/target/*' -print -quit)" ]; then
    stale=1
  fi
  if [ "$stale" = 1 ]; then
    echo "torspark: building (mvn package, tests skipped)..." >&2
    (cd "$TORSPARK_ROOT" && mvn -B -q -DskipTests package) >&2
  fi
}

# The JVM flags Spark needs on Java 17, one per line in conf/jvm-flags.
torspark_jvm_flags() {
  grep -v '^#' "$TORSPARK_ROOT/conf/jvm-flags" | tr '\n' ' '
}

torspark_classpath() {
  echo "$TORSPARK_JAR:$(cat "$TORSPARK_SPARK_CP")"
}
