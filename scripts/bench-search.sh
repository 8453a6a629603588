#!/usr/bin/env bash
# Image search against the plain list (ADR 0014): for each size in SIZES (default "100000 1000000") seeds the running
# suite's `catalog` database with that many images of real words (scripts/bench-search-seed.sql), then prints
# p50/p95/p99 of
#   GET /v2/search/images?q=...  one broad word, a prefix, a typo, two words, a rare word and its typo, two rare words
#   GET /v2/images               the default list, for comparison
# as alice (project-a: owns 30 % of the seed, member of some of project-b's shared images) and as admin, through the
# gateway (9292) with real tokens; falls back to catalog-service on 9301 when the gateway does not answer.
# The catalog must run a build with migration V8 (the search column); the seeded rows are deleted when the script
# ends, however it ends. REQUESTS=200 per case by default; BASE_URL picks the endpoint.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REQUESTS=${REQUESTS:-200}
SIZES=${SIZES:-"100000 1000000"}
export PGPASSWORD=glimpse
PSQL=(psql -X -q -h 127.0.0.1 -p 55432 -U glimpse -d catalog -v ON_ERROR_STOP=1)
q() { "${PSQL[@]}" -At -c "$1"; }

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

if [[ -z "$(q "select 1 from information_schema.columns where table_name = 'images' and column_name = 'search_vector'")" ]]; then
  echo "the catalog database has no images.search_vector: run a catalog-service built with migration V8" >&2
  exit 1
fi

# The seed goes whatever happens; so do the vocabulary words that only the seed held.
cleanup() {
  echo "deleting the seeded images ..."
  "${PSQL[@]}" -c "delete from image_memberships where image_id in
                     (select id from images where properties @> '{\"bench_seed\":\"search\"}')" \
               -c "delete from images where properties @> '{\"bench_seed\":\"search\"}'" \
               -c "delete from image_search_words w where not exists
                     (select 1 from images i where i.search_vector @@ to_tsquery('simple', w.word))" \
               -c "vacuum analyze images" -c "vacuum analyze image_memberships" || true
}
trap cleanup EXIT

token() {
  curl -sf -d grant_type=password -d client_id=glimpse-cli -d "username=$1" -d "password=$1" \
    http://127.0.0.1:8180/realms/glimpse/protocol/openid-connect/token \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
# What OpenStack clients send to the gateway; the services themselves take the bearer form.
auth_header() { if [[ "$BASE" == *:9292 ]]; then echo "X-Auth-Token: $1"; else echo "Authorization: Bearer $1"; fi; }

# One curl per case: its URLs share one keep-alive connection, and curl times each request itself.
curl_all() {
  local header=$1 url; shift
  for url in "$@"; do printf 'url = "%s"\noutput = "/dev/null"\n' "$url"; done \
    | curl -s -K - -H "$header" -w '%{http_code} %{time_total}\n'
}
measure() {
  local label=$1 header=$2 url=$3 times i urls=()
  for ((i = 0; i < REQUESTS; i++)); do urls+=("$url"); done
  curl_all "$header" "${urls[@]:0:20}" >/dev/null # warm-up
  times=$(curl_all "$header" "${urls[@]}")
  if grep -qv '^200 ' <<<"$times"; then echo "$label: non-200 answers: $(grep -v '^200 ' <<<"$times" | sort | uniq -c | head -3)" >&2; fi
  awk '{ print $2 * 1000 }' <<<"$times" | sort -n | awk -v label="$label" '{ t[NR] = $1 } END {
      printf "%-44s n=%d  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms\n", label, NR,
             t[int(NR * 0.50 + 0.5)], t[int(NR * 0.95 + 0.5)], t[int(NR * 0.99 + 0.5)] }'
}
total() {
  curl -s -H "$1" "$BASE/v2/search/images?q=$2&limit=0" \
    | python3 -c 'import json,sys; b=json.load(sys.stdin); print(b["total"], "" if b["total_exact"] else "(capped)")'
}

# URL-encoded queries: label|q
QUERIES=(
  "one broad word|ubuntu"
  "prefix|kube"
  "typo|ubnutu"
  "two words|ubuntu%2022.04"
  "rare word|wireguard"
  "rare word, typo|wiregaurd"
  "two rare words|jammy%20wireguard"
)

for size in $SIZES; do
  echo
  echo "seeding $size images ..."
  start=$SECONDS
  "${PSQL[@]}" -v n="$size" -f "$ROOT/scripts/bench-search-seed.sql" >/dev/null
  # The seed fills the GIN indexes' pending lists; a vacuum merges them, as autovacuum would soon.
  "${PSQL[@]}" -c "vacuum analyze images"
  echo "seeded in $((SECONDS - start)) s; $(q "select count(*) from images where deleted_at is null") live images"
  for user in alice admin; do
    header=$(auth_header "$(token "$user")")
    echo "$user:"
    for entry in "${QUERIES[@]}"; do
      label=${entry%%|*} query=${entry#*|}
      measure "  search $label (q=$query, total $(total "$header" "$query"))" "$header" \
        "$BASE/v2/search/images?q=$query"
    done
    measure "  list (default)" "$header" "$BASE/v2/images"
  done
done
