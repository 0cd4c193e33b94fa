#!/usr/bin/env bash
# Wrap the PyInstaller .app (built on macOS by packaging/ml_interview_studio.spec) in a
# compressed, drag-to-Applications disk image:
#
#     packaging/macos/make_dmg.sh "dist/ML Interview Studio.app" 0.1.0 dist
#
# Needs macOS (hdiutil). Unsigned: for distribution outside CI, sign and notarize first
# (codesign --deep --options runtime; xcrun notarytool submit --wait; xcrun stapler staple).
set -euo pipefail

app=${1:?usage: make_dmg.sh APP_BUNDLE VERSION OUT_DIR}
version=${2:?version}
out=${3:?out dir}
[ -d "$app/Contents/MacOS" ] || { echo "not an .app bundle: $app" >&2; exit 1; }
command -v hdiutil >/dev/null || { echo "hdiutil not found: build the .dmg on macOS" >&2; exit 1; }

arch=$(uname -m)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
mkdir -p "$out"
dmg="$out/ml-interview-studio-$version-macos-$arch.dmg"
rm -f "$dmg"
hdiutil create -volname "ML Interview Studio $version" -srcfolder "$stage" \
  -fs HFS+ -format UDZO -imagekey zlib-level=9 -ov "$dmg"
echo "built $dmg"
