#!/usr/bin/env bash
# Set up a machine for ecr-mirror: system packages (the real registry and skopeo, for the demo and the tests),
# a virtual environment in .venv with the project and its tools, and the aws-cdk CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v docker-registry >/dev/null 2>&1 || need_apt+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || need_apt+=(skopeo)
command -v htpasswd >/dev/null 2>&1 || need_apt+=(apache2-utils)  # bcrypt entries for the Basic-auth test registry
# Runs the Lambda bundle's aarch64 wheels in the bundling test (scripts/arm64_python.sh)
command -v qemu-aarch64-static >/dev/null 2>&1 || need_apt+=(qemu-user-static)
# On a fresh machine another package manager often holds the lock (unattended-upgrades at boot): wait for it, at
# most APT_LOCK_TIMEOUT seconds, saying what we wait for, instead of failing with "Could not get lock".
APT_LOCK_TIMEOUT="${APT_LOCK_TIMEOUT:-600}"
APT_LOCKS=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock)

lock_holders() {  # "name (pid N)" of each process holding an apt or dpkg lock; nothing without fuser (psmisc)
  command -v fuser >/dev/null 2>&1 || return 0
  local pid
  for pid in $($sudo fuser "${APT_LOCKS[@]}" 2>/dev/null | tr -s ' ' '\n' | sort -u); do
    echo "$(ps -o comm= -p "$pid" 2>/dev/null || echo '?') (pid $pid)"
  done
}

wait_for_apt_lock() {
  local holders waited=0
  holders="$(lock_holders | paste -sd, -)"
  [ -z "$holders" ] && return 0
  echo "setup: waiting up to ${APT_LOCK_TIMEOUT}s for the package manager lock, held by ${holders//,/, }" \
    "(often unattended-upgrades after boot)"
  while [ -n "$(lock_holders)" ]; do
    if [ "$waited" -ge "$APT_LOCK_TIMEOUT" ]; then
      echo "setup: the package manager lock is still held after ${APT_LOCK_TIMEOUT}s by ${holders//,/, };" \
        "run this again once it is done, or set APT_LOCK_TIMEOUT=SECONDS" >&2
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

apt_get() {  # and apt waits for the dpkg lock itself, with the same bound (DPkg::Lock::Timeout)
  $sudo apt-get -o "DPkg::Lock::Timeout=${APT_LOCK_TIMEOUT}" "$@"
}

if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need_apt[*]} (Debian packages)"
  wait_for_apt_lock
  apt_get update -qq
  DEBIAN_FRONTEND=noninteractive apt_get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
# The Debian package may start a registry service on port 5000; nothing here uses it.

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r requirements.txt -e .

CDK_CLI_VERSION="${CDK_CLI_VERSION:-2.1148.1}"
if [ "${SKIP_CDK_CLI:-}" != "1" ] && ! command -v cdk >/dev/null 2>&1; then
  if command -v npm >/dev/null 2>&1; then
    # Pinned like the Python packages: a CLI that reads aws-cdk-lib 2.275's cloud assembly (newer ones do too).
    echo "setup: installing the aws-cdk CLI ${CDK_CLI_VERSION} with npm"
    npm install -g --silent --no-fund --no-audit "aws-cdk@${CDK_CLI_VERSION}" >/dev/null
  else
    echo "setup: npm not found; 'cdk synth' needs the aws-cdk CLI (npm install -g aws-cdk)" >&2
  fi
fi
echo "setup: done. Try: .venv/bin/ecr-mirror demo"
