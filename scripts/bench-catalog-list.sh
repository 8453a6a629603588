#!/usr/bin/env bash
# Listing and show latency of the catalog with 100,000 images (glance-v2-api.md §4): seeds the running
# suite's `catalog` database (scripts/bench-catalog-seed.sql), then prints p50/p99 of
#   default list, filtered list (status + tag + property), a page deep via marker (sorted), show by id
# through the gateway (9292) with a real token of alice, and the EXPLAIN plans of the listing queries.
# Falls back to catalog-service on 9301 when the gateway does not answer (and says so).
# REQUESTS=300 per case by default; SEED=0 skips the seeding; BASE_URL picks the endpoint.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REQUESTS=${REQUESTS:-300}
export PGPASSWORD=glimpse
PSQL=(psql -X -q -h 127.0.0.1 -p 55432 -U glimpse -d catalog -v ON_ERROR_STOP=1)

# BASE_URL=http://127.0.0.1:9301 measures catalog-service alone (the gateway's share is the difference).
if [[ -n "${BASE_URL:-}" ]]; then
  BASE=$BASE_URL; echo "measuring $BASE"
# Liveness, not readiness: the gateway reports DOWN while any upstream is, but routes to catalog all the same.
elif curl -sf http://127.0.0.1:9292/q/health/live >/dev/null; then
  BASE=http://127.0.0.1:9292; echo "measuring through the gateway ($BASE)"
elif curl -sf http://127.0.0.1:9301/q/health/live >/dev/null; then
  BASE=http://127.0.0.1:9301; echo "the gateway does not answer: measuring catalog-service directly ($BASE)"
else
  echo "neither the gateway (9292) nor catalog-service (9301) answers: start the suite (deploy/local/glimpse up)" >&2
  exit 1
fi

if [[ "${SEED:-1}" == 1 ]]; then
  echo "seeding 100,000 images ..."
  start=$SECONDS
  "${PSQL[@]}" -f "$ROOT/scripts/bench-catalog-seed.sql"
  echo "seeded in $((SECONDS - start)) s"
fi

TOKEN=$(curl -sf -d grant_type=password -d client_id=glimpse-cli -d username=alice -d password=alice \
  http://127.0.0.1:8180/realms/glimpse/protocol/openid-connect/token | sed -E 's/.*"access_token":"([^"]+)".*/\1/')

# What OpenStack clients send to the gateway; the services themselves take the bearer form.
if [[ "$BASE" == *:9292 ]]; then AUTH_HEADER="X-Auth-Token: $TOKEN"; else AUTH_HEADER="Authorization: Bearer $TOKEN"; fi

q() { "${PSQL[@]}" -At -c "$1"; }
# A marker 5,000 rows deep in alice's name-sorted own images, and 300 of her image ids for show.
DEEP_MARKER=$(q "select id from images where owner = 'project-a' and deleted_at is null and not os_hidden
                  and status <> 'killed' and properties @> '{\"bench_seed\":\"1\"}'
                  order by (name is null), name asc, created_at asc, id asc offset 5000 limit 1")
SHOW_IDS=$(q "select id from images where owner = 'project-a' and deleted_at is null
               and properties @> '{\"bench_seed\":\"1\"}' order by random() limit $REQUESTS")

# One curl per case: its URLs share one keep-alive connection, and curl times each request itself.
curl_all() {
  local url
  for url in "$@"; do printf 'url = "%s"\noutput = "/dev/null"\n' "$url"; done \
    | curl -s -K - -H "$AUTH_HEADER" -w '%{http_code} %{time_total}\n'
}
measure() {
  local label=$1; shift
  local times
  curl_all "${@:1:50}" >/dev/null # warm-up
  times=$(curl_all "$@")
  if grep -qv '^200 ' <<<"$times"; then echo "$label: non-200 answers: $(grep -v '^200 ' <<<"$times" | sort | uniq -c | head -3)" >&2; fi
  awk '{ print $2 * 1000 }' <<<"$times" | sort -n | awk -v label="$label" '{ t[NR] = $1 } END {
      p50 = t[int(NR * 0.50 + 0.5)]; p99 = t[int(NR * 0.99 + 0.5)];
      printf "%-50s n=%d  p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms\n", label, NR, p50, p99, t[NR] }'
}
repeat() { local url=$1 i; for ((i = 0; i < REQUESTS; i++)); do echo "$url"; done; }

mapfile -t DEFAULT < <(repeat "$BASE/v2/images")
mapfile -t FILTERED < <(repeat "$BASE/v2/images?status=active&tag=bench-t3&hw_disk_bus=scsi")
mapfile -t DEEP < <(repeat "$BASE/v2/images?sort=name:asc&marker=$DEEP_MARKER")
mapfile -t DEEP_DEFAULT < <(repeat "$BASE/v2/images?marker=$DEEP_MARKER")
mapfile -t SHOW < <(for id in $SHOW_IDS; do echo "$BASE/v2/images/$id"; done)

echo
echo "alice (project-a, member) against $(q "select count(*) from images where deleted_at is null") live images:"
measure "GET /v2/images (default)" "${DEFAULT[@]}"
measure "GET /v2/images?status&tag&property" "${FILTERED[@]}"
measure "GET /v2/images?sort=name:asc&marker=<5000 deep>" "${DEEP[@]}"
measure "GET /v2/images?marker=<deep> (created_at desc)" "${DEEP_DEFAULT[@]}"
measure "GET /v2/images/{id}" "${SHOW[@]}"

# The statements ImageListSql builds for these requests (alice = project-a, not admin), with the values inlined.
VISIBLE="(i.visibility = 'public' or i.owner = 'project-a' or (i.visibility = 'shared' and exists (select 1 from
  image_memberships m where m.image_id = i.id and m.member_id = 'project-a' and not m.deleted and m.status = 'accepted')))"
BASE_WHERE="i.deleted_at is null and i.status <> 'killed' and i.os_hidden = false and $VISIBLE"
MARKER_ROW=$(q "select quote_literal(name) || ',' || quote_literal(created_at) || ',' || quote_literal(id) from images where id = '$DEEP_MARKER'")
IFS=, read -r M_NAME M_CREATED M_ID <<<"$MARKER_ROW"
explain() {
  echo; echo "== EXPLAIN: $1"
  "${PSQL[@]}" -c "explain (analyze, buffers, costs off, timing on) $2"
}
explain "default list" "select i.* from images i where $BASE_WHERE order by i.created_at desc, i.id desc limit 25"
explain "status + tag + property" "select i.* from images i where $BASE_WHERE and i.status in ('active')
  and i.tags @> array['bench-t3']::text[] and i.properties @> '{\"hw_disk_bus\":\"scsi\"}'::jsonb
  order by i.created_at desc, i.id desc limit 25"
explain "a selective property and tag (GIN)" "select i.* from images i where $BASE_WHERE
  and i.tags @> array['bench-g1']::text[] and i.properties @> '{\"build\":\"4242\"}'::jsonb
  order by i.created_at desc, i.id desc limit 25"
explain "sort=name:asc, marker 5000 deep" "select i.* from images i where $BASE_WHERE
  and ((i.name is null), i.name, i.created_at, i.id) > (false, $M_NAME, $M_CREATED, $M_ID)
  order by (i.name is null) asc, i.name asc, i.created_at asc, i.id asc limit 25"
explain "default sort, marker deep" "select i.* from images i where $BASE_WHERE and (i.created_at, i.id) < ($M_CREATED, $M_ID)
  order by i.created_at desc, i.id desc limit 25"
explain "show" "select * from images where id = '$DEEP_MARKER' and deleted_at is null"
