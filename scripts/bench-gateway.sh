#!/usr/bin/env bash
# The gateway's added latency (p50/p99 against calling catalog-service directly) and a 2 GiB body
# streamed through it with its RSS and heap sampled. Needs the suite running: deploy/local/glimpse up.
# REQUESTS=5000 STREAM_GIB=2 by default (STREAM_GIB=0 skips the streaming part); GATEWAY_URL moves the
# measured gateway (default http://127.0.0.1:9292).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/deploy/local/lib.sh"
pick_java
JAR="$ROOT/gateway/target/quarkus-app/quarkus-run.jar"
[[ -f "$JAR" ]] || die "build first: mvn -B package -DskipTests"
curl -sf http://127.0.0.1:9292/q/health/ready >/dev/null || die "the suite is not up: deploy/local/glimpse up"
cd "$ROOT" && exec "$JAVA_HOME/bin/java" -Xmx512m "$ROOT/scripts/bench/GatewayBench.java" "$JAR"
