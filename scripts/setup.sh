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
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need_apt[*]} (Debian packages)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
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
