#!/usr/bin/env bash
# Renders every state's status comment, PR body and job summary (from the engine records in
# test/render/records/) to PNG, as GitHub would show them, into DIR (default render-out/).
#   scripts/render-reports.sh [DIR] [--open]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-render-out}"
shift || true
node=node_modules/.bin/node
[ -x "$node" ] || node=node
"$node" --import tsx test/render/write-markdown.ts "$out" >/dev/null
"$node" scripts/render-markdown.mjs --out "$out" "$@" "$out"/*.md
