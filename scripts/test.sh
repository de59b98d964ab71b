#!/usr/bin/env bash
# Every test, as CI runs it: npm ci && npm test. Installs what a fresh machine lacks.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
start=$(date +%s)

if [ ! -x /usr/bin/chromium ]; then
  step "Installing Debian's Chromium for Playwright"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

step "sqld (libSQL server) for the replica tests"
node scripts/fetch-sqld.mjs

step "Type check"
npm run --silent typecheck

step "Lint"
npm run --silent lint

step "Formatting (Prettier)"
npm run --silent format:check

step "Schema and migrations agree (drift check)"
npm run --silent db:check-drift

step "Unit and integration tests"
npx vitest run

step "Production build"
npm run --silent build

step "Embedded replicas against a real sqld"
npx vitest run --config tests/replica/vitest.config.ts

step "End-to-end tests in Chromium"
npx playwright test

printf '\nAll tests passed in %ss.\n' "$(( $(date +%s) - start ))"
