#!/usr/bin/env bash
# Installs what Settle needs on a Debian 12 machine (run as root). Idempotent:
# does nothing, and prints nothing, when everything is already there.
# Swift itself is expected at /opt/swift.
set -euo pipefail

# Debian packages. Add new ones here.
APT_PACKAGES="make sqlite3 libsqlite3-dev postgresql poppler-utils time openssl libxml2-utils wrk curl"
# Documents: Cairo + Pango and libqrencode to build; fonts for Latin, Greek, Cyrillic and CJK
# text; zbarimg to read the QR codes back in tests.
APT_PACKAGES+=" libcairo2-dev libpango1.0-dev libqrencode-dev fonts-dejavu-core fonts-wqy-microhei zbar-tools"
# The browser tests of the web app: Debian's chromium, driven by Playwright (its own browser
# downloads are not used), with axe-core from axe-playwright-python.
APT_PACKAGES+=" chromium"
# PyPI packages (name, optionally with a version specifier). Add new ones here.
PYPI_PACKAGES="holidays aiosmtpd mt-940 schemathesis playwright axe-playwright-python"

apt_missing=()
for pkg in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
        || apt_missing+=("$pkg")
done

pypi_missing=()
for spec in $PYPI_PACKAGES; do
    name=${spec%%[<>=!~;[]*}
    python3 -m pip show --quiet "$name" >/dev/null 2>&1 || pypi_missing+=("$spec")
done
# pip itself comes from Debian when a PyPI package is needed and pip is absent.
if ((${#pypi_missing[@]})) && ! python3 -m pip --version >/dev/null 2>&1; then
    apt_missing+=(python3-pip)
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
run_quietly() {  # run "$@", show its output only if it fails
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        echo "ensure-deps: failed: $*" >&2
        exit 1
    fi
}

if ((${#apt_missing[@]})); then
    export DEBIAN_FRONTEND=noninteractive
    run_quietly apt-get update -q
    run_quietly apt-get install -y -q --no-install-recommends "${apt_missing[@]}"
fi
if ((${#pypi_missing[@]})); then
    # Debian's own python3 refuses pip installs without this (PEP 668).
    export PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
    run_quietly python3 -m pip install --quiet "${pypi_missing[@]}"
fi

installed=("${apt_missing[@]}" "${pypi_missing[@]}")
if ((${#installed[@]})); then
    echo "ensure-deps: installed ${installed[*]}"
fi
