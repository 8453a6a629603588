#!/usr/bin/env bash
# Interoperable import, Glimpse against the reference Glance in the same run (glance-v2-api.md §8): one SIZE_MIB
# image (default 1024) imported by glance-direct (stage, then import into the default store), then copied by an
# admin to a second store of the same kind with copy-image; and a copy to two stores at once against a copy to one.
# Prints each time, the throughputs and the Glimpse/Glance ratios. Needs the suite running (deploy/local/glimpse up);
# starts the reference Glance (../shared/reference-glance) if it is not running. catalog-service and import-service
# are restarted with two more stores (file2, s3b) and restarted with their usual stores at the end; every image this
# script creates is deleted.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GATEWAY=${GATEWAY_URL:-http://127.0.0.1:9292}
GLANCE=${GLANCE_URL:-http://127.0.0.1:19292}
REFERENCE=${REFERENCE_GLANCE:-$ROOT/../shared/reference-glance}
SIZE_MIB=${SIZE_MIB:-1024}
LAUNCHER=$ROOT/deploy/local/glimpse
curl -sf "$GATEWAY/versions" >/dev/null || { echo "the suite is not up: deploy/local/glimpse up" >&2; exit 1; }
curl -s -o /dev/null "$GLANCE/versions" || "$REFERENCE/start.sh" >/dev/null

WORK=$(mktemp -d)
RESTARTED=
cleanup() {
  local id
  for id in $(cat "$WORK/created-glimpse" 2>/dev/null); do
    curl -s -o /dev/null -X DELETE "$GATEWAY/v2/images/$id" -H "X-Auth-Token: $(token admin)" || true
  done
  for id in $(cat "$WORK/created-glance" 2>/dev/null); do
    curl -s -o /dev/null -X DELETE "$GLANCE/v2/images/$id" -H 'X-Auth-Token: fake-admin' || true
  done
  if [[ -n "$RESTARTED" ]]; then
    "$LAUNCHER" stop import-service >/dev/null 2>&1; "$LAUNCHER" stop catalog-service >/dev/null 2>&1
    "$LAUNCHER" start catalog-service >/dev/null 2>&1; "$LAUNCHER" start import-service >/dev/null 2>&1
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

token() {
  curl -sf -d grant_type=password -d client_id=glimpse-cli -d "username=$1" -d "password=$1" \
    http://127.0.0.1:8180/realms/glimpse/protocol/openid-connect/token \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
now() { date +%s.%N; }
# Every timed step starts with the disk's write-back done (sync, not timed), on both sides alike: otherwise a step pays
# for the gigabytes the steps before it left in the page cache, and its figure depends on its place in the script.
settle() { sync; }
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }
mbps() { python3 -c "print(f'{$1 / 1048576 / $2:.1f}')"; }        # bytes, seconds → MiB/s
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); v=d.get('$1'); print('' if v is None else v)"; }

# auth_header <side> <user>: how each side takes a user (Glance: the reference's persona tokens).
auth() { if [[ $1 == glance ]]; then echo "X-Auth-Token: fake-$2"; else echo "X-Auth-Token: $(token "$2")"; fi; }
url() { if [[ $1 == glance ]]; then echo "$GLANCE"; else echo "$GATEWAY"; fi; }

create() {
  local side=$1 id
  id=$(curl -sf -X POST "$(url "$side")/v2/images" -H "$(auth "$side" alice)" -H 'Content-Type: application/json' \
    -d '{"name": "bench-import", "disk_format": "raw", "container_format": "bare"}' | field id)
  echo "$id" >>"$WORK/created-$side"   # a file: create runs in a subshell
  echo "$id"
}

# wait_for <side> <id> <python condition on the image dict d>: one Python process polls every 0.1 s. (A curl and a
# Python start per poll cost ~0.1 CPU-s each with a pyenv shim: half a core of this 2-core machine taken from the
# step being timed.)
wait_for() {
  local side=$1 id=$2 condition=$3
  python3 - "$(url "$side")/v2/images/$id" "$(auth "$side" admin)" "$condition" <<'PY'
import json, sys, time, urllib.request
url, header, condition = sys.argv[1:4]
name, value = header.split(": ", 1)
while True:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={name: value}), timeout=10) as answer:
            d = json.load(answer)
        if eval(condition):
            break
    except (OSError, ValueError):
        pass
    time.sleep(0.1)
PY
}

# glance_direct <side>: prints "stage_s import_s total_s image_id"
glance_direct() {
  local side=$1 id t0 t1 t2 code
  id=$(create "$side")
  settle
  t0=$(now)
  code=$(curl -s -o /dev/null -w '%{http_code}' -T "$FILE" -X PUT "$(url "$side")/v2/images/$id/stage" \
    -H "$(auth "$side" alice)" -H 'Content-Type: application/octet-stream')
  [[ $code == 204 ]] || { echo "$side: stage answered $code" >&2; exit 1; }
  t1=$(now)
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$(url "$side")/v2/images/$id/import" \
    -H "$(auth "$side" alice)" -H 'Content-Type: application/json' -d '{"method": {"name": "glance-direct"}}')
  [[ $code == 202 ]] || { echo "$side: import answered $code" >&2; exit 1; }
  wait_for "$side" "$id" "d['status'] == 'active'"
  t2=$(now)
  echo "$(elapsed "$t0" "$t1") $(elapsed "$t1" "$t2") $(elapsed "$t0" "$t2") $id"
}

# web_download <side>: seconds from the import request until the image is active
web_download() {
  local side=$1 id t0 code
  id=$(create "$side")
  settle
  t0=$(now)
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$(url "$side")/v2/images/$id/import" \
    -H "$(auth "$side" alice)" -H 'Content-Type: application/json' \
    -d "{\"method\": {\"name\": \"web-download\", \"uri\": \"http://127.0.0.1:$WEB_PORT/image.raw\"}}")
  [[ $code == 202 ]] || { echo "$side: web-download answered $code" >&2; exit 1; }
  wait_for "$side" "$id" "d['status'] == 'active'"
  elapsed "$t0" "$(now)"
}

# copy <side> <id> <stores as a JSON list>: seconds until the copy ended
copy() {
  local side=$1 id=$2 stores=$3 t0 code
  settle
  t0=$(now)
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$(url "$side")/v2/images/$id/import" \
    -H "$(auth "$side" admin)" -H 'Content-Type: application/json' \
    -d "{\"method\": {\"name\": \"copy-image\"}, \"stores\": $stores}")
  [[ $code == 202 ]] || { echo "$side: copy-image answered $code" >&2; exit 1; }
  wait_for "$side" "$id" "d.get('os_glance_importing_to_stores') == '' and not d.get('os_glance_import_task') \
and all(s in d.get('stores', '').split(',') for s in $stores)"
  elapsed "$t0" "$(now)"
}

FILE=$WORK/image.raw
echo "== a $SIZE_MIB MiB random image"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$FILE"
BYTES=$(stat -c %s "$FILE")

# Glimpse runs with two more stores for this script: file2 (a second directory, like the reference Glance's second
# file store "cheap") and s3b (a second bucket); catalog-service and import-service are restarted with them.
cp "$ROOT/deploy/local/stores.properties" "$WORK/stores.properties"
cat >>"$WORK/stores.properties" <<EOF
glimpse.store.backends.file2.type=file
glimpse.store.backends.file2.weight=30
glimpse.store.backends.file2.directory=\${glimpse.data-dir}/images-bench
glimpse.store.backends.s3b.type=s3
glimpse.store.backends.s3b.weight=40
glimpse.store.backends.s3b.endpoint=http://127.0.0.1:9000
glimpse.store.backends.s3b.access-key=glimpse
glimpse.store.backends.s3b.secret-key=glimpse-local-secret
glimpse.store.backends.s3b.bucket=glimpse-bench
EOF
RESTARTED=yes
"$LAUNCHER" stop import-service >/dev/null; "$LAUNCHER" stop catalog-service >/dev/null
GLIMPSE_STORES=$WORK/stores.properties "$LAUNCHER" start catalog-service >/dev/null
# web-download from the local HTTP server below: import-service allows loopback and its port for this script only
# (the reference Glance allows 127.0.0.1 on REF_WEB_PORT already).
WEB_PORT=${REF_WEB_PORT:-18766}
GLIMPSE_STORES=$WORK/stores.properties GLIMPSE_IMPORT_WEB_DOWNLOAD_ALLOWED_RANGES=127.0.0.1/32 \
  GLIMPSE_IMPORT_FILTERING_ALLOWED_PORTS=80,443,$WEB_PORT "$LAUNCHER" start import-service >/dev/null

echo "== glance-direct into the default store, then copy-image to a second store of the same kind (file to file)"
read -r GS_STAGE GS_IMPORT GS_TOTAL GS_ID <<<"$(glance_direct glimpse)"
GS_COPY=$(copy glimpse "$GS_ID" '["file2"]')
GS_COPY_S3=$(copy glimpse "$GS_ID" '["s3"]')
read -r GL_STAGE GL_IMPORT GL_TOTAL GL_ID <<<"$(glance_direct glance)"
GL_COPY=$(copy glance "$GL_ID" '["cheap"]')
printf '  %-8s stage %6.2f s  import %6.2f s  glance-direct %6.2f s = %7s MiB/s   copy %6.2f s = %7s MiB/s\n' \
  Glimpse "$GS_STAGE" "$GS_IMPORT" "$GS_TOTAL" "$(mbps "$BYTES" "$GS_TOTAL")" "$GS_COPY" "$(mbps "$BYTES" "$GS_COPY")"
printf '  %-8s stage %6.2f s  import %6.2f s  glance-direct %6.2f s = %7s MiB/s   copy %6.2f s = %7s MiB/s\n' \
  Glance "$GL_STAGE" "$GL_IMPORT" "$GL_TOTAL" "$(mbps "$BYTES" "$GL_TOTAL")" "$GL_COPY" "$(mbps "$BYTES" "$GL_COPY")"
printf '  Glimpse  copy file -> s3 %6.2f s = %7s MiB/s (Glance has no s3 store here)\n' \
  "$GS_COPY_S3" "$(mbps "$BYTES" "$GS_COPY_S3")"
GD_RATIO=$(ratio "$GL_TOTAL" "$GS_TOTAL")
COPY_RATIO=$(ratio "$GL_COPY" "$GS_COPY")
BOTH_RATIO=$(ratio "$(python3 -c "print($GL_TOTAL + $GL_COPY)")" "$(python3 -c "print($GS_TOTAL + $GS_COPY)")")
printf '  Glimpse/Glance throughput: glance-direct %sx, copy-image %sx, both together %sx (goal >= 1.5x)\n' \
  "$GD_RATIO" "$COPY_RATIO" "$BOTH_RATIO"

echo "== a copy to two stores at once against a copy to one"
read -r _ _ _ ONE_ID <<<"$(glance_direct glimpse)"
GS_ONE=$(copy glimpse "$ONE_ID" '["s3"]')
read -r _ _ _ TWO_ID <<<"$(glance_direct glimpse)"
GS_TWO=$(copy glimpse "$TWO_ID" '["s3", "s3b"]')
# Glance has two stores: its image lives in one, so a copy to two at once needs a third; it copies one store at a time
# (max_parallel_stores unset), so its two-store time is measured as the one-store copy twice in a row.
printf '  Glimpse  copy to s3 %6.2f s   to s3 and s3b at once %6.2f s   ratio %s (goal <= 1.2)\n' \
  "$GS_ONE" "$GS_TWO" "$(ratio "$GS_TWO" "$GS_ONE")"
printf '  Glance   copy to one store %6.2f s (sequential: two stores take about %6.2f s)\n' \
  "$GL_COPY" "$(python3 -c "print(2 * $GL_COPY)")"

echo "== web-download of the image from a local HTTP server, against curl fetching it to a file"
python3 -m http.server "$WEB_PORT" --bind 127.0.0.1 --directory "$WORK" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; cleanup' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$WEB_PORT/"; do sleep 0.1; done
settle
t0=$(now)
curl -sf -o "$WORK/fetched.raw" "http://127.0.0.1:$WEB_PORT/image.raw"
CURL_S=$(elapsed "$t0" "$(now)")
rm -f "$WORK/fetched.raw"
# Two imports per side: the first after import-service's restart above pays its JIT warm-up, the second does not.
GS_WEB1=$(web_download glimpse)
GS_WEB=$(web_download glimpse)
GL_WEB1=$(web_download glance)
GL_WEB=$(web_download glance)
printf '  curl     %6.2f s = %7s MiB/s\n' "$CURL_S" "$(mbps "$BYTES" "$CURL_S")"
printf '  Glimpse  %6.2f s = %7s MiB/s until active (first after a restart: %6.2f s)\n' \
  "$GS_WEB" "$(mbps "$BYTES" "$GS_WEB")" "$GS_WEB1"
printf '  Glance   %6.2f s = %7s MiB/s until active (first: %6.2f s)\n' "$GL_WEB" "$(mbps "$BYTES" "$GL_WEB")" "$GL_WEB1"
printf '  Glimpse/curl %sx (goal >= 0.8x)   Glimpse/Glance %sx (goal >= 2x; first imports: %sx)\n' \
  "$(ratio "$CURL_S" "$GS_WEB")" "$(ratio "$GL_WEB" "$GS_WEB")" "$(ratio "$GL_WEB1" "$GS_WEB1")"
