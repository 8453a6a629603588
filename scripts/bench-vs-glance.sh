#!/usr/bin/env bash
# Glimpse against the reference Glance 25.1 on this machine, the same fixed work on both in one run: creates at 1 and
# 8 clients, plain and filtered lists over 2,000 images (p50/p99), a 256 MiB and a 4 GiB upload and download through
# the public endpoint (the first after a fresh start of the serving processes, and a warm one; digests checked),
# deletes; each side's server CPU (every process of the side and its children: Glimpse's services, PostgreSQL,
# Kafka and S3 — not Keycloak, as Glance runs without Keystone — against glance-api and its workers), this machine's
# own limits (openssl md5/sha512, a raw loopback copy), RSS growth, and each goal of the data path work with its
# ratio. Starts the reference Glance and the Glimpse suite when they are not running, stops what it started, and
# deletes every image it created.
#   SIZES_MIB="256 4096"  LIST_IMAGES=2000  CREATES=200  LIST_CALLS=200  FRESH=1 (restart gateway, catalog and
#   glance-api before each size's first transfer)  WARMUP_SECONDS=20 (untimed creates by 8 clients on each side before
#   the timed ones; the lists start once each side is idle again)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export GLIMPSE_HOME=${GLIMPSE_HOME:-$ROOT/.glimpse}
export LAUNCHER=$ROOT/deploy/local/glimpse
export REFERENCE_GLANCE=${REFERENCE_GLANCE:-$ROOT/../shared/reference-glance}
GLANCE_URL=${GLANCE_URL:-http://127.0.0.1:19292}
GATEWAY_URL=${GATEWAY_URL:-http://127.0.0.1:9292}

started_glance= started_glimpse=
cleanup() {
  [[ -n "$started_glance" ]] && "$REFERENCE_GLANCE/stop.sh" >/dev/null 2>&1 || true
  [[ -n "$started_glimpse" ]] && "$LAUNCHER" down >/dev/null 2>&1 || true
}
trap cleanup EXIT
if ! curl -sf -o /dev/null "$GLANCE_URL/versions"; then
  "$REFERENCE_GLANCE/start.sh" >/dev/null; started_glance=yes
fi
if ! curl -sf -o /dev/null "$GATEWAY_URL/versions"; then
  "$LAUNCHER" up >/dev/null; started_glimpse=yes
fi
python3 "$ROOT/scripts/bench/vs_glance.py"
