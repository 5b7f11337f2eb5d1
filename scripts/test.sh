#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs pnpm and the workspace,
# the system packages tests need (redis-server, promtool, amtool), then runs
# lint, typecheck, every test and the generated-file checks.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/pnpm.sh
pnpm install --frozen-lockfile
exec pnpm test:all
