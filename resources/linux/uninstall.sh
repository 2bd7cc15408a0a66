#!/usr/bin/env bash
# Remove exactly what install.sh put in place. Your goals (the database) stay where they are.
set -euo pipefail
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
rm -rf "$HOME/.local/lib/goals-desktop"
if [ -L "$HOME/.local/bin/goals-desktop" ]; then rm -f "$HOME/.local/bin/goals-desktop"; fi
for size in 16 24 32 48 64 128 256; do rm -f "$prefix/icons/hicolor/${size}x${size}/apps/goals-desktop.png"; done
rm -f "$prefix/icons/hicolor/scalable/apps/goals-desktop.svg" "$prefix/applications/goals-desktop.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/applications" || true
echo "Removed Goals Desktop. Your data is untouched (goals-desktop db path shows where it was)."
