#!/usr/bin/env bash
# TTCT's two entry points for a fresh machine (Python 3.11, nothing else installed):
#   ./ttct.sh start   set up, migrate, load the demo province and serve http://127.0.0.1:8000
#   ./ttct.sh test    set up (incl. Chromium and fonts for browser tests) and run the whole suite
#   ./ttct.sh backup [FILE]   the database and uploaded files in one tar archive (default: backups/)
#   ./ttct.sh restore FILE    replace the database and uploaded files with a backup's (asks first)
# DATABASE_URL selects the database (SQLite in the project folder when unset).
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
VENV=.venv

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

apt_install() {
  # Installs Debian packages that are missing; quiet when everything is there already.
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

venv() {
  local requirements=$1
  if [ ! -x "$VENV/bin/python" ]; then "$PYTHON" -m venv "$VENV"; fi
  local stamp="$VENV/.installed-$(cat requirements*.txt | sha1sum | cut -c1-12)-$requirements"
  if [ ! -f "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$requirements"
    touch "$stamp"
  fi
}

catalogues() {
  DEBUG=1 "$VENV/bin/python" manage.py compile_catalogues -v0
}

case "${1:-}" in
  start)
    venv requirements.txt
    # Times-compatible fonts for documents; without them typst's bundled serif is used.
    apt_install fonts-liberation2 || echo "Could not install fonts-liberation2; documents use typst's own serif font."
    catalogues
    export DEBUG=${DEBUG:-1}
    "$VENV/bin/python" manage.py migrate -v0
    "$VENV/bin/python" manage.py createcachetable  # the throttles' shared store (settings.CACHES["shared"])
    "$VENV/bin/python" manage.py seed_demo
    echo "TTCT is running at http://127.0.0.1:8000 (Ctrl+C to stop)"
    exec "$VENV/bin/python" manage.py runserver 127.0.0.1:8000
    ;;
  test)
    venv requirements-dev.txt
    apt_install chromium fonts-liberation2 fonts-noto-core poppler-utils zbar-tools postgresql-client
    catalogues
    # The suite runs on the production settings (DEBUG off) with a test key: ttct/settings_test.py.
    export DJANGO_SETTINGS_MODULE=ttct.settings_test
    "$VENV/bin/ruff" check .
    "$VENV/bin/lint-imports" --no-cache
    "$VENV/bin/python" manage.py makemigrations --check --dry-run -v0
    "$VENV/bin/python" manage.py createcachetable  # the test databases get it from accounts' migration too
    shift
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  backup)
    venv requirements.txt
    if [[ "${DATABASE_URL:-}" == postgres* ]]; then apt_install postgresql-client; fi
    "$VENV/bin/python" manage.py backup ${2:+--output "$2"}
    ;;
  restore)
    [ -n "${2:-}" ] || { echo "usage: ./ttct.sh restore FILE" >&2; exit 2; }
    venv requirements.txt
    if [[ "${DATABASE_URL:-}" == postgres* ]]; then apt_install postgresql-client; fi
    "$VENV/bin/python" manage.py restore "$2"
    ;;
  *)
    echo "usage: ./ttct.sh start | test [pytest args] | backup [FILE] | restore FILE" >&2
    exit 2
    ;;
esac
