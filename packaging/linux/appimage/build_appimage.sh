#!/usr/bin/env bash
# AppImage recipe (NOT run by `make dist`): appimagetool and its type-2 runtime are not in
# Debian and appimagetool downloads the runtime at build time, so this needs either a
# network connection or both files fetched beforehand:
#
#   appimagetool:  https://github.com/AppImage/appimagetool/releases (appimagetool-x86_64.AppImage)
#   runtime:       https://github.com/AppImage/type2-runtime/releases (runtime-x86_64)
#
#     APPIMAGE_RUNTIME=/path/runtime-x86_64 packaging/linux/appimage/build_appimage.sh \
#         dist/ml-interview-studio 0.1.0 dist
#
# Build it on the oldest glibc you support (the bundle carries no libc).
set -euo pipefail
bundle=${1:?usage: build_appimage.sh BUNDLE_DIR VERSION OUT_DIR}
version=${2:?version}
out=${3:?out dir}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
app_id=ml-interview-studio
tool=${APPIMAGETOOL:-$(command -v appimagetool || true)}
[ -n "$tool" ] || { echo "appimagetool not found (see the header of this script)" >&2; exit 1; }

appdir=$(mktemp -d)/ML_Interview_Studio.AppDir
trap 'rm -rf "$(dirname "$appdir")"' EXIT
mkdir -p "$appdir/usr/lib" "$appdir/usr/share/applications" "$appdir/usr/share/icons"
cp -a "$bundle" "$appdir/usr/lib/$app_id"
install -m 0755 "$here/AppRun" "$appdir/AppRun"
install -m 0644 "$root/resources/$app_id.desktop" "$appdir/$app_id.desktop"
install -m 0644 "$root/resources/$app_id.desktop" "$appdir/usr/share/applications/"
cp -r "$root/resources/icons/hicolor" "$appdir/usr/share/icons/"
install -m 0644 "$root/resources/icons/hicolor/256x256/apps/$app_id.png" "$appdir/$app_id.png"
ln -s "$app_id.png" "$appdir/.DirIcon"

runtime_args=()
[ -n "${APPIMAGE_RUNTIME:-}" ] && runtime_args=(--runtime-file "$APPIMAGE_RUNTIME")
mkdir -p "$out"
ARCH=$(uname -m) VERSION=$version "$tool" "${runtime_args[@]}" "$appdir" \
  "$out/$app_id-$version-$(uname -m).AppImage"
