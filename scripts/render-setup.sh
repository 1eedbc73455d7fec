#!/usr/bin/env bash
# Installs what scripts/render-markdown.mjs needs to draw reports as GitHub shows them: Debian's
# chromium (headless). Run as root (or with sudo) on a Debian/Ubuntu machine:
#   sudo scripts/render-setup.sh
# The Markdown and mermaid libraries come from the project's devDependencies (npm ci).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "chromium already installed: $(chromium --version 2>/dev/null || echo unknown version)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium fonts-noto-color-emoji fonts-dejavu-core
chromium --version
