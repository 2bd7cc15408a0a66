#!/usr/bin/env bash
# Install the built one-dir app for this user: ~/.local/lib/goals-desktop, a launcher in
# ~/.local/bin, the icons and the menu entry. Run from anywhere after building (see README).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
app="${1:-$root/dist/goals-desktop}"
[ -x "$app/goals-desktop" ] || { echo "install.sh: no built app at $app; build it first (python resources/pyinstaller/build.py)" >&2; exit 1; }
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
lib="$HOME/.local/lib/goals-desktop"
rm -rf "$lib"
mkdir -p "$lib" "$HOME/.local/bin" "$prefix/applications"
cp -a "$app/." "$lib/"
ln -sf "$lib/goals-desktop" "$HOME/.local/bin/goals-desktop"
for size in 16 24 32 48 64 128 256; do
  mkdir -p "$prefix/icons/hicolor/${size}x${size}/apps"
  cp "$root/goals_desktop/resources/goals-desktop-$size.png" "$prefix/icons/hicolor/${size}x${size}/apps/goals-desktop.png"
done
mkdir -p "$prefix/icons/hicolor/scalable/apps"
cp "$root/goals_desktop/resources/goals-desktop.svg" "$prefix/icons/hicolor/scalable/apps/goals-desktop.svg"
sed "s#^Exec=.*#Exec=$lib/goals-desktop#" "$here/goals-desktop.desktop" > "$prefix/applications/goals-desktop.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$prefix/icons/hicolor" || true
echo "Installed Goals Desktop in $lib; it is in your applications menu and on your PATH as goals-desktop."
