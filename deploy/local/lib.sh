# Shared by deploy/local/glimpse and the scripts under scripts/: logging and choosing a JDK >= 22.
# shellcheck shell=bash

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }

# JAVA_HOME if it is recent enough, else Temurin's JDK, else any JDK >= 22 under /usr/lib/jvm.
pick_java() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-* /usr/lib/jvm/*; do
    [[ -n "$candidate" && -x "$candidate/bin/java" ]] || continue
    if (( $(java_major "$candidate/bin/java") >= 22 )); then export JAVA_HOME=$candidate; return; fi
  done
  die "no JDK >= 22 found (set JAVA_HOME)"
}
