#!/usr/bin/env bash
# An emulated copy of the Lambda function's platform, for tests/infra/test_infra_bundling_arm64.py: CPython 3.13 for
# aarch64 (Debian 13's packages, unpacked into a folder, no chroot) run by qemu-user. The bundle's compiled wheels
# (cryptography, pydantic-core, rfc3161-client) can then be imported and run as on Lambda, from an x86_64 host.
#
#     bash scripts/arm64_python.sh            # prints the folder; idempotent (kept under .cache/ by default)
#     qemu-aarch64-static -L DIR DIR/usr/bin/python3.13 -I -c 'import platform; print(platform.machine())'
#
# Needs qemu-user-static (Debian; scripts/setup.sh installs it) and apt-get. apt runs with its own lists, cache and
# an empty status file in the folder: the host's apt configuration and packages are left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="$(realpath -m "${ARM64_PYTHON_DIR:-.cache/arm64-python3.13}")"
ROOT="$DIR/root"
if [ -x "$ROOT/usr/bin/python3.13" ]; then
  echo "$ROOT"
  exit 0
fi
command -v qemu-aarch64-static >/dev/null 2>&1 || { echo "arm64_python: install qemu-user-static (Debian)" >&2; exit 2; }
rm -rf "$DIR.partial"
mkdir -p "$DIR.partial/apt/lists/partial" "$DIR.partial/apt/cache/archives/partial" "$DIR.partial/root"
: > "$DIR.partial/apt/status"
echo "deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
  > "$DIR.partial/apt/sources.list"
apt_options=(
  -o "Dir::Etc::SourceList=$DIR.partial/apt/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
  -o "Dir::State::Lists=$DIR.partial/apt/lists" -o "Dir::Cache=$DIR.partial/apt/cache"
  -o "Dir::State::status=$DIR.partial/apt/status" -o "APT::Architecture=arm64" -o "APT::Architectures::=arm64"
  -o "Debug::NoLocking=1"
)
apt-get "${apt_options[@]}" update -qq >&2
apt-get "${apt_options[@]}" install --download-only -y -qq --no-install-recommends python3.13 >&2
for deb in "$DIR.partial"/apt/cache/archives/*.deb; do
  dpkg-deb -x "$deb" "$DIR.partial/root"
done
ln -sfn usr/lib "$DIR.partial/root/lib"  # Debian 13 is /usr-merged: the loader is looked up as /lib/ld-linux-aarch64.so.1
ln -sfn usr/bin "$DIR.partial/root/bin"
rm -rf "$DIR.partial/apt/cache" "$DIR.partial/apt/lists"
rm -rf "$DIR" && mv "$DIR.partial" "$DIR"
echo "$ROOT"
