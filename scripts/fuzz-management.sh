#!/usr/bin/env bash
# Fuzz the management REST API from its own OpenAPI document with schemathesis.
#
# Builds the management app alone, starts it on a spare port (FUZZ_PORT, default 3100)
# against a database and topics of its own on the local Kafka and FerretDB (which must be
# running: `npm run kafka -- up`, `npm run ferretdb -- up`), issues an API key with the admin
# token, creates a few webhooks so path ids resolve, and runs schemathesis over every
# operation with that key. Fails if any response is a 5xx. Installs schemathesis from PyPI
# into .local/fuzz-venv on first use.
#
#   scripts/fuzz-management.sh                  # default budget
#   FUZZ_MAX_EXAMPLES=200 scripts/fuzz-management.sh   # a quicker run
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PORT="${FUZZ_PORT:-3100}"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-1000}"
# Only server errors fail the run by default; e.g. FUZZ_CHECKS=all for schema conformance too.
CHECKS="${FUZZ_CHECKS:-not_a_server_error}"
RUN_ID="fuzz-$(date +%s)-$RANDOM"
OUT="$ROOT/.local/fuzz-management"
rm -rf "$OUT"
BUILD="$ROOT/.local/management-build"
mkdir -p "$OUT"

# schemathesis from PyPI, installed once into a git-ignored virtualenv unless one is on PATH.
if ! command -v schemathesis >/dev/null; then
  VENV="$ROOT/.local/fuzz-venv"
  if [ ! -x "$VENV/bin/schemathesis" ]; then
    echo "installing schemathesis into .local/fuzz-venv (first run only)..."
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet 'schemathesis>=4,<5'
  fi
  PATH="$VENV/bin:$PATH"
fi

echo "building the management app..."
rm -rf "$BUILD"
npx tsc -p apps/management/tsconfig.app.json
npx tsc-alias -p apps/management/tsconfig.app.json

ADMIN_TOKEN="adm_$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
export ADMIN_TOKEN
export DATA_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)"
export PORT
export MONGODB_URI="${FUZZ_MONGODB_URI:-mongodb://127.0.0.1:27017/$RUN_ID}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export KAFKA_TOPIC_PREFIX="$RUN_ID."
export MANAGEMENT_CONSUMER_GROUP="$RUN_ID"
export LOG_LEVEL="${FUZZ_LOG_LEVEL:-warn}"

node "$BUILD/apps/management/src/main.js" >"$OUT/app.log" 2>&1 &
APP_PID=$!
cleanup() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  node -e '
    const mongoose = require("mongoose");
    mongoose.createConnection(process.argv[1]).asPromise()
      .then((c) => c.dropDatabase().then(() => c.close()))
      .catch(() => undefined);
  ' "$MONGODB_URI" || true
}
trap cleanup EXIT

BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
  curl -fs "$BASE/health" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "management exited; see $OUT/app.log" >&2; cat "$OUT/app.log" >&2; exit 1; }
  sleep 0.5
done
curl -fs "$BASE/health" >/dev/null || { echo "management not healthy; see $OUT/app.log" >&2; exit 1; }

ORG="$(node -e 'console.log(require("crypto").randomUUID())')"
KEY="$(curl -fs -X POST "$BASE/v1/admin/api-keys" -H "authorization: Bearer $ADMIN_TOKEN" \
  -H 'content-type: application/json' -d "{\"organisation_id\":\"$ORG\",\"name\":\"fuzz\"}" |
  node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>console.log(JSON.parse(s).key))')"
WEBHOOK_ID=""
for i in 1 2 3; do
  WEBHOOK_ID="$(curl -fs -X POST "$BASE/v1/webhooks" -H "authorization: Bearer $KEY" -H 'content-type: application/json' \
    -d "{\"name\":\"seed $i\",\"target_url\":\"https://hooks.example.com/seed-$i\",\"events\":[\"contact.created\"]}" |
    node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>console.log(JSON.parse(s).id))')"
done
# A past delivery in the log, under the delivery id the OpenAPI example uses, so redeliver is
# exercised beyond 404s.
node -e '
  const { Kafka, logLevel } = require("kafkajs");
  const [brokers, topic, webhookId, org] = process.argv.slice(1);
  const id = "1f0d3c8e-6d1a-4b9e-8f4c-2a7b9c0d1e2f";
  const outcome = { delivery_id: id, webhook_id: webhookId, organisation_id: org, event_id: id,
    event_type: "contact.created", trigger: "event", series_id: id, attempt: 4, status: "failed",
    status_code: 500, error_kind: "http_status", error: "HTTP 500", duration_ms: 12,
    response_excerpt: "boom", attempted_at: new Date().toISOString(), next: "dead_letter",
    next_attempt_at: null, payload: { id, type: "contact.created", timestamp: new Date().toISOString(),
    organisation_id: org, data: { id } } };
  const producer = new Kafka({ clientId: "fuzz-seed", brokers: brokers.split(","), logLevel: logLevel.NOTHING }).producer();
  producer.connect()
    .then(() => producer.send({ topic, messages: [{ key: webhookId, value: JSON.stringify(outcome) }] }))
    .then(() => producer.disconnect());
' "$KAFKA_BROKERS" "${RUN_ID}.webhooks.attempts" "$WEBHOOK_ID" "$ORG"
for _ in $(seq 1 40); do
  curl -fs "$BASE/v1/webhooks/$WEBHOOK_ID/deliveries" -H "authorization: Bearer $KEY" | grep -q delivery_id && break
  sleep 0.25
done

echo "fuzzing $BASE with schemathesis (up to $MAX_EXAMPLES examples per operation)..."
set +e
# schemathesis keeps a cache in its working directory: keep it out of the repository.
cd "$OUT"
# The admin operation takes the admin token; everything else an organisation's API key.
schemathesis run "$BASE/docs-json" \
  --url "$BASE" \
  --include-path /v1/admin/api-keys \
  --header "Authorization: Bearer $ADMIN_TOKEN" \
  --checks "$CHECKS" \
  --max-examples "$MAX_EXAMPLES" \
  --workers 2 \
  --request-timeout 10 \
  --generation-database none \
  --report ndjson --report-dir "$OUT/admin" \
  --no-color ${FUZZ_EXTRA_ARGS:-}
ADMIN_STATUS=$?
schemathesis run "$BASE/docs-json" \
  --url "$BASE" \
  --header "Authorization: Bearer $KEY" \
  --checks "$CHECKS" \
  --max-examples "$MAX_EXAMPLES" \
  --workers 2 \
  --request-timeout 10 \
  --generation-database none \
  --exclude-path /v1/admin/api-keys \
  --report junit,ndjson --report-dir "$OUT/api" \
  --no-color ${FUZZ_EXTRA_ARGS:-}
STATUS=$?
set -e
cd "$ROOT"

# How many requests were sent, by status code (from schemathesis's NDJSON event reports).
node -e '
  const fs = require("fs"), path = require("path");
  let requests = 0; const statuses = {};
  for (const dir of process.argv.slice(1)) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".ndjson"))) {
      for (const m of fs.readFileSync(path.join(dir, f), "utf8").matchAll(/"status_code":\s*(\d{3})/g)) {
        requests++; statuses[m[1]] = (statuses[m[1]] || 0) + 1;
      }
    }
  }
  const fives = Object.entries(statuses).filter(([s]) => s.startsWith("5")).reduce((n, [, c]) => n + c, 0);
  console.log(`fuzz: ${requests} responses; by status ${JSON.stringify(statuses)}; 5xx: ${fives}`);
' "$OUT/admin" "$OUT/api"
if grep '"level":"error"' "$OUT/app.log" | grep -vq '"component":"kafkajs"'; then
  echo "the app logged errors (see $OUT/app.log):"
  grep '"level":"error"' "$OUT/app.log" | grep -v '"component":"kafkajs"' | head -5
fi
[ "$ADMIN_STATUS" -eq 0 ] && [ "$STATUS" -eq 0 ]
