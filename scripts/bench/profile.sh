#!/usr/bin/env bash
# Where a running service's CPU goes while something else (a benchmark) runs: JFR on each named service for SECONDS,
# then the hottest methods of each (JDK's `jfr view hot-methods`), and the process CPU over the window.
#   scripts/bench/profile.sh SECONDS gateway catalog-service ...      (the suite must be up)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUN=${GLIMPSE_HOME:-$ROOT/.glimpse}/run
SECONDS_WANTED=${1:?usage: profile.sh SECONDS SERVICE...}; shift
OUT=$(mktemp -d)
declare -A PIDS CPU0
for name in "$@"; do
  pid=$(cat "$RUN/$name.pid")
  PIDS[$name]=$pid
  jcmd=$(dirname "$(readlink "/proc/$pid/exe")")/jcmd
  "$jcmd" "$pid" JFR.start name=bench settings=profile duration="${SECONDS_WANTED}s" filename="$OUT/$name.jfr" >/dev/null
  CPU0[$name]=$(awk '{print $14 + $15}' "/proc/$pid/stat")
done
sleep "$((SECONDS_WANTED + 2))"
for name in "$@"; do
  pid=${PIDS[$name]}
  ticks=$(( $(awk '{print $14 + $15}' "/proc/$pid/stat") - CPU0[$name] ))
  jfr=$(dirname "$(readlink "/proc/$pid/exe")")/jfr
  echo "== $name: $(python3 -c "print(f'{$ticks / $(getconf CLK_TCK):.1f}')") s of CPU in ${SECONDS_WANTED} s"
  "$jfr" view --width 160 hot-methods "$OUT/$name.jfr" | head -30
done
echo "(recordings kept in $OUT)"
