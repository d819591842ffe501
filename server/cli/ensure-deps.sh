#!/usr/bin/env bash
# Runs before anything in node_modules is needed: installs npm packages when they are missing or
# older than package-lock.json. Everything else (PostgreSQL, data) is set up by the TypeScript CLIs.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "povmap: installing npm packages (npm ci)…" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
