#!/usr/bin/env bash
# Best effort: the Debian packages some tests use, where this machine can install them (root or
# passwordless sudo, apt-get). Tests that need one skip cleanly when it is missing, so a failure
# here never fails CI; it only means fewer tests ran, which their skip messages say.
#   sudo      — the Action run as a normal user with passwordless sudo (test/security/runner-users)
#   python3-pytest — pytest cheats and `goal-action init` on a Python repository
#   chromium  — rendering reports as GitHub shows them (scripts/render-markdown.mjs)
set -uo pipefail
need=()
command -v sudo >/dev/null 2>&1 || need+=(sudo)
# The system Python: agent commands do not see a per-user one (pyenv under /root).
/usr/bin/python3 -c 'import pytest' >/dev/null 2>&1 || need+=(python3-pytest)
command -v chromium >/dev/null 2>&1 || need+=(chromium fonts-noto-color-emoji fonts-dejavu-core)
if [ ${#need[@]} -eq 0 ]; then
  echo "test packages: all present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "test packages missing (${need[*]}), and no root or passwordless sudo to install them: those tests skip"
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "test packages missing (${need[*]}), and no apt-get here: those tests skip"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
echo "installing test packages: ${need[*]}"
timeout 600 $SUDO apt-get update -qq >/dev/null 2>&1 &&
  timeout 900 $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
  echo "could not install ${need[*]}: the tests that need them skip"
exit 0
