#!/usr/bin/env bash
# Make the macOS disk image from the app bundle the spec built:
#   resources/macos/make_dmg.sh "dist/Goals Desktop.app" dist/goals-desktop-VERSION-macos-ARCH.dmg
# (`python resources/pyinstaller/build.py --dmg` runs it with those arguments.) Runs on macOS only.
#
# Signing and notarization run when their secrets are in the environment and are skipped, saying so,
# when they are not (an unsigned app opens with right-click > Open the first time):
#   MACOS_SIGNING_IDENTITY  "Developer ID Application: NAME (TEAMID)", its certificate already in a keychain
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD  an app-specific password, for notarytool
set -euo pipefail
app="${1:?the .app bundle}"
dmg="${2:?the .dmg to write}"
here="$(cd "$(dirname "$0")" && pwd)"
[ -d "$app" ] || { echo "make_dmg.sh: no app bundle at $app; build it first (python resources/pyinstaller/build.py)" >&2; exit 1; }

if [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
    # Hardened runtime (notarization requires it); the entitlements let the bundled Python's
    # ctypes/cffi callbacks and its unsigned-by-Apple libraries load.
    codesign --force --deep --timestamp --options runtime --entitlements "$here/entitlements.plist" \
        --sign "$MACOS_SIGNING_IDENTITY" "$app"
    codesign --verify --strict --verbose=2 "$app"
else
    echo "Signing skipped: MACOS_SIGNING_IDENTITY is not set (the app keeps PyInstaller's ad-hoc signature)."
fi

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"  # drag the app onto it
rm -f "$dmg"
hdiutil create -volname "Goals Desktop" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"

if [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$dmg"
fi
if [ -n "${MACOS_SIGNING_IDENTITY:-}" ] && [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
    xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$dmg"
else
    echo "Notarization skipped: it needs MACOS_SIGNING_IDENTITY, APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD."
fi
hdiutil verify "$dmg"
echo "Built $dmg"
