# Sourced by the top-level scripts: puts the pinned pnpm on PATH.
# Uses an installed pnpm when it is the pinned version; otherwise installs that
# version into .tools/ with npm (works with or without corepack).
PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  if [ ! -x .tools/node_modules/.bin/pnpm ] || [ "$(.tools/node_modules/.bin/pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    echo "[governor] installing pnpm $PNPM_VERSION into .tools/" >&2
    npm install --prefix .tools --no-save --no-package-lock --silent "pnpm@$PNPM_VERSION" >&2
  fi
  export PATH="$PWD/.tools/node_modules/.bin:$PATH"
fi
export COREPACK_ENABLE_STRICT=0
export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1
