#!/usr/bin/env bash
# scripts/soak [MINUTES] - bounded soak test: scripted keyboard browsing of a
# 210-patient demo in headless Chromium for MINUTES (default 30), printing wasm
# heap and live GPU texture samples every 30 s; exits 1 if memory kept growing.
# Needs the site (build/site) and the native CLI (build/native/duckling-cli),
# i.e. a prior scripts/test or scripts/build run. Runs at nice 19.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MIN=${1:-30}
[[ "$MIN" =~ ^[0-9]+$ ]] && [ "$MIN" -ge 1 ] || { echo "usage: scripts/soak [MINUTES]" >&2; exit 2; }
# Hard stop a little after the planned end, whatever happens in the browser.
exec timeout --kill-after=30 $((MIN * 60 + 180)) nice -n 19 node "$ROOT/tests/e2e/soak.js" "$MIN"
