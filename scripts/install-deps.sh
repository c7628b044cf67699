#!/usr/bin/env bash
# Install what the build needs on Debian bookworm, and nothing that is already there.
set -euo pipefail

packages=(build-essential cmake ninja-build pkg-config dpkg-dev file
          libgtest-dev libgmock-dev
          libsystemc-dev
          nlohmann-json3-dev libcli11-dev
          libbenchmark-dev valgrind
          clang libclang-rt-14-dev
          # smmu-report draws its charts with matplotlib (docs/tools.md); the tests load the
          # pictures (report, smmu-explain --svg/--html) in a real browser, headless Chromium,
          # and the VCD (--vcd) in GTKWave's converters
          python3-matplotlib chromium gtkwave)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Run as root (or install sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
