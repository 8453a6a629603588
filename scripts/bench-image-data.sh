#!/usr/bin/env bash
# Image data throughput through the gateway: upload and download of one SIZE_MIB image (default 1024) to the
# file store and to the S3 store, next to this machine's limits measured the same way every run — openssl's
# MD5 and SHA-512 speed (the upload computes both at once, MD5 on the request's thread and SHA-512 on a helper, so
# the slower of the two is its ceiling, on a machine with a core to spare for each) and a raw loopback copy
# of the same file with curl to a trivial sink — with the ratios, and each service's RSS before and after
# (VmHWM = the peak) and live heap after a full GC. Needs the suite running: deploy/local/glimpse up. GATEWAY_URL moves the measured gateway.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GATEWAY=${GATEWAY_URL:-http://127.0.0.1:9292}
SIZE_MIB=${SIZE_MIB:-1024}
RUN=${GLIMPSE_HOME:-$ROOT/.glimpse}/run
SINK_PORT=${SINK_PORT:-9399}
curl -sf "$GATEWAY/versions" >/dev/null || { echo "the suite is not up: deploy/local/glimpse up" >&2; exit 1; }

WORK=$(mktemp -d)
SINK_PID=
cleanup() { [[ -n "$SINK_PID" ]] && kill "$SINK_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

token() {
  curl -sf -d grant_type=password -d client_id=glimpse-cli -d username=alice -d password=alice \
    http://127.0.0.1:8180/realms/glimpse/protocol/openid-connect/token | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
mbps() { python3 -c "print(f'{$1 / 1e6:.1f}')"; }            # bytes/s → MB/s
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
rss() {
  local name pid jcmd heap
  for name in gateway catalog-service sharing-service import-service signature-service; do
    pid=$(cat "$RUN/$name.pid" 2>/dev/null || true)
    [[ -n "$pid" && -r /proc/$pid/status ]] || continue
    # Live heap after a full GC (jcmd of the service's own JDK): the part of the heap a stream could have grown.
    jcmd=$(dirname "$(readlink "/proc/$pid/exe")")/jcmd heap=?
    if [[ -x "$jcmd" ]] && "$jcmd" "$pid" GC.run >/dev/null 2>&1; then
      heap=$("$jcmd" "$pid" GC.heap_info 2>/dev/null | awk '/^ *[A-Za-z-]+.* total [0-9]+K, used [0-9]+K/ && !/space/ {
        for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); s += v } } END { print int(s / 1024) }')
    fi
    printf '  %-18s RSS %6d MiB   peak (VmHWM) %6d MiB   heap after GC %4s MiB\n' "$name" \
      $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) $(( $(awk '/VmHWM/ {print $2}' /proc/$pid/status) / 1024 )) "$heap"
  done
}

FILE=$WORK/image.raw
echo "== preparing a $SIZE_MIB MiB random image"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$FILE"
BYTES=$(stat -c %s "$FILE")
MD5=$(md5sum "$FILE" | cut -d' ' -f1)

echo "== machine limits"
# openssl speed prints k (1000 bytes) per second for each block size; the 16384-byte column is the last one.
MD5_BPS=$(openssl speed -evp md5 -seconds 3 2>/dev/null | awk '/^md5/ {v=$NF} END {sub("k","",v); print v*1000}')
SHA_BPS=$(openssl speed -evp sha512 -seconds 3 2>/dev/null | awk '/^sha512/ {v=$NF} END {sub("k","",v); print v*1000}')
BOTH_BPS=$(python3 -c "print(1 / (1 / $MD5_BPS + 1 / $SHA_BPS))")
CEILING_BPS=$(python3 -c "print(min($MD5_BPS, $SHA_BPS))")
python3 "$ROOT/scripts/bench/sink.py" "$SINK_PORT" "$FILE" & SINK_PID=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$SINK_PORT/" -r 0-0 && break; sleep 0.1; done
LOOP_UP=$(curl -s -o /dev/null -T "$FILE" -w '%{speed_upload}' "http://127.0.0.1:$SINK_PORT/sink")
LOOP_DOWN=$(curl -s -o /dev/null -w '%{speed_download}' "http://127.0.0.1:$SINK_PORT/")
printf '  openssl md5                 %8s MB/s\n' "$(mbps "$MD5_BPS")"
printf '  openssl sha512              %8s MB/s\n' "$(mbps "$SHA_BPS")"
printf '  md5 then sha512, one thread %8s MB/s\n' "$(mbps "$BOTH_BPS")"
printf '  md5 and sha512, two threads %8s MB/s   (the upload'\''s digest ceiling: the slower one)\n' "$(mbps "$CEILING_BPS")"
printf '  loopback upload (curl→sink) %8s MB/s\n' "$(mbps "$LOOP_UP")"
printf '  loopback download           %8s MB/s\n' "$(mbps "$LOOP_DOWN")"

echo "== service memory before"
rss

declare -A UP DOWN
IDS=()
for store in file s3; do
  T=$(token)
  ID=$(curl -sf -X POST "$GATEWAY/v2/images" -H "X-Auth-Token: $T" -H 'Content-Type: application/json' \
    -d "{\"name\": \"bench-image-data-$store\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  IDS+=("$ID")
  UP[$store]=$(curl -s -o "$WORK/up.out" -T "$FILE" -X PUT -w '%{http_code} %{speed_upload}' \
    -H "X-Auth-Token: $T" -H 'Content-Type: application/octet-stream' -H "X-Image-Meta-Store: $store" \
    -H "x-openstack-image-size: $BYTES" "$GATEWAY/v2/images/$ID/file")
  [[ ${UP[$store]%% *} == 204 ]] || { echo "upload to $store failed: ${UP[$store]} $(cat "$WORK/up.out")" >&2; exit 1; }
  CHECKSUM=$(curl -sf "$GATEWAY/v2/images/$ID" -H "X-Auth-Token: $T" | python3 -c 'import json,sys; print(json.load(sys.stdin)["checksum"])')
  [[ "$CHECKSUM" == "$MD5" ]] || { echo "checksum mismatch on $store: $CHECKSUM != $MD5" >&2; exit 1; }
  T=$(token)
  DOWN[$store]=$(curl -s -D "$WORK/headers" -o >(md5sum | cut -d' ' -f1 >"$WORK/down.md5") -w '%{http_code} %{speed_download}' \
    -H "X-Auth-Token: $T" "$GATEWAY/v2/images/$ID/file")
  sleep 1
  [[ ${DOWN[$store]%% *} == 200 && "$(cat "$WORK/down.md5")" == "$MD5" ]] \
    || { echo "download from $store failed: ${DOWN[$store]}" >&2; exit 1; }
done

echo "== through the gateway ($SIZE_MIB MiB, digests checked against md5sum)"
for store in file s3; do
  up=${UP[$store]#* } down=${DOWN[$store]#* }
  printf '  %-4s upload   %8s MB/s   = %s of the digest ceiling, %s of loopback upload\n' "$store" "$(mbps "$up")" \
    "$(ratio "$up" "$CEILING_BPS")" "$(ratio "$up" "$LOOP_UP")"
  printf '  %-4s download %8s MB/s   = %s of loopback download\n' "$store" "$(mbps "$down")" "$(ratio "$down" "$LOOP_DOWN")"
done

echo "== service memory after"
rss

T=$(token)
for id in "${IDS[@]}"; do curl -s -o /dev/null -X DELETE "$GATEWAY/v2/images/$id" -H "X-Auth-Token: $T"; done
