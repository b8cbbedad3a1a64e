#!/usr/bin/env bash
# Installs everything Buurtkaart needs on Debian 12 (bookworm): apt packages, the project venv, npm packages.
# Idempotent: a second run checks and reuses what is there. Run as root or as a user with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------------------------
# qgis + xvfb + xauth: real QGIS desktop forms and dialogs under a virtual screen; nginx: a real static host
# (HTTP Range) for the static virtuele stad; poppler-utils: tests look at the PDF reports
APT_PACKAGES=(postgresql-15-postgis-3 postgresql-client-15 python3-qgis qgis-providers qgis python3-venv
              chromium fonts-dejavu-core xvfb xauth nginx poppler-utils)
command -v node >/dev/null 2>&1 || APT_PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(npm)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt: ${missing[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
else
  say "apt: alles al aanwezig"
fi

# --- Python venv on Debian's python (PyQGIS lives there) ---------------------------------------------------
if [ ! -x .venv/bin/python ]; then
  say "venv: .venv op /usr/bin/python3 met --system-site-packages"
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
stamp=.venv/.buurtkaart-installed
want=$(sha256sum pyproject.toml | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "pip: project en testpakketten"
  .venv/bin/python -m pip install -q --upgrade pip
  # numpy<2: Debian's GDAL bindings (QGIS Processing) do not import under numpy 2
  .venv/bin/python -m pip install -q "numpy<2" -e ".[dev]"
  echo "$want" > "$stamp"
else
  say "pip: up to date"
fi

# --- npm packages for the viewer (MapLibre GL, served locally: no CDN) ------------------------------------
for pkgdir in spatial_service/viewer; do
  if [ -f "$pkgdir/package.json" ]; then
    want=$(cat "$pkgdir/package.json" "$pkgdir/package-lock.json" 2>/dev/null | sha256sum | cut -c1-16)
    if [ "$(cat "$pkgdir/node_modules/.buurtkaart-installed" 2>/dev/null)" != "$want" ]; then
      say "npm: $pkgdir"
      (cd "$pkgdir" && npm install --no-audit --no-fund --loglevel=error)
      echo "$want" > "$pkgdir/node_modules/.buurtkaart-installed"
    else
      say "npm: $pkgdir up to date"
    fi
  fi
done

say "klaar: $ROOT/.venv"
