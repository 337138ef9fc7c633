#!/usr/bin/env bash
# Installs Debian's Chromium for the console's browser tests (playwright-core drives it through
# its executable path; no test tool ever downloads a browser). Skipped when it is installed.
set -euo pipefail
source "$(dirname "$0")/stack/lib.sh"
apt_ensure chromium
