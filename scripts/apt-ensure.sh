#!/usr/bin/env bash
# Install the Debian packages given as arguments that are missing, plus the tools the Makefile
# itself needs on a fresh machine (python3-venv, nodejs, npm).
set -euo pipefail
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
wanted=("$@")
python3 -c "import ensurepip" 2>/dev/null || wanted+=(python3-venv)
command -v npm >/dev/null || wanted+=(nodejs npm)
missing=()
for package in "${wanted[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
