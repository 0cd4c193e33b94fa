#!/usr/bin/env bash
# Wrap the one-folder PyInstaller bundle into the Linux artifacts:
#   dist/ml-interview-studio-VERSION-linux-ARCH.tar.xz   unpack anywhere, run ./ml-interview-studio
#   dist/ml-interview-studio_VERSION_ARCH.deb            /opt + /usr/bin launcher + menu entry + icons
#
#     packaging/linux/build_packages.sh dist/ml-interview-studio VERSION dist
#
# Called by `make dist` after PyInstaller. Needs dpkg-deb, xz and desktop-file-validate.
set -euo pipefail

bundle=${1:?usage: build_packages.sh BUNDLE_DIR VERSION OUT_DIR}
version=${2:?version}
out=${3:?out dir}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
app_id=ml-interview-studio
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
case "$arch" in amd64) tar_arch=x86_64 ;; arm64) tar_arch=aarch64 ;; *) tar_arch=$arch ;; esac
stage=$(mktemp -d "${TMPDIR:-/tmp}/ml-studio-pkg.XXXXXX")
trap 'rm -rf "$stage"' EXIT

[ -x "$bundle/$app_id" ] || { echo "no bundle at $bundle (run PyInstaller first)" >&2; exit 1; }
desktop-file-validate "$root/resources/$app_id.desktop"
mkdir -p "$out"

# xz -9 (64 MiB dictionary). 64 MiB blocks let it use every core (a single block would be
# one thread: ~4 min instead of ~1 on 2 cores) for ~1.5 MB more output. Deterministic order
# and owners so rebuilds compare equal.
xz_level=${XZ_LEVEL:-9}
xz_opts=(-T0 -"$xz_level" --block-size=64MiB)
tar_opts=(--sort=name --owner=0 --group=0 --numeric-owner --mtime=@"${SOURCE_DATE_EPOCH:-0}")

# -- .tar.xz ---------------------------------------------------------------------------------
name="$app_id-$version-linux-$tar_arch"
mkdir -p "$stage/$name"
cp -a "$bundle/." "$stage/$name/"
cp "$root/resources/$app_id.desktop" "$stage/$name/"
install -m 0755 "$here/install-desktop-entry.sh" "$stage/$name/install-desktop-entry.sh"
cat > "$stage/$name/README.txt" <<EOF
ML Interview Studio $version (Linux, $tar_arch)

Run:      ./$app_id          (no installation needed; everything is in this folder)
Menu:     ./install-desktop-entry.sh   adds it to your application menu (per user)
          ./install-desktop-entry.sh --uninstall   removes that entry again
Check:    ./$app_id --self-test --self-test-report report.txt
Licences: _internal/resources/licenses/ (also Help -> Licences in the app)
EOF
rm -f "$out/$name.tar.xz"
tar "${tar_opts[@]}" -C "$stage" -cf - "$name" | xz "${xz_opts[@]}" > "$out/$name.tar.xz"
rm -rf "${stage:?}/$name"
echo "built $out/$name.tar.xz"

# -- .deb ------------------------------------------------------------------------------------
deb_root="$stage/deb"
mkdir -p "$deb_root/DEBIAN" "$deb_root/opt" "$deb_root/usr/bin" \
  "$deb_root/usr/share/applications" "$deb_root/usr/share/doc/$app_id"
cp -a "$bundle" "$deb_root/opt/$app_id"
# A script, not a symlink: the bundle finds _internal/ next to the real executable.
cat > "$deb_root/usr/bin/$app_id" <<EOF
#!/bin/sh
exec /opt/$app_id/$app_id "\$@"
EOF
chmod 0755 "$deb_root/usr/bin/$app_id"
install -m 0644 "$root/resources/$app_id.desktop" "$deb_root/usr/share/applications/"
for png in "$root"/resources/icons/hicolor/*/apps/$app_id.png; do
  size=$(basename "$(dirname "$(dirname "$png")")")
  install -D -m 0644 "$png" "$deb_root/usr/share/icons/hicolor/$size/apps/$app_id.png"
done
install -D -m 0644 "$root/resources/icons/app.svg" \
  "$deb_root/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
{
  echo "ML Interview Studio $version: MIT licence."
  echo "Bundled components and their licences: /opt/$app_id/_internal/resources/licenses/"
} > "$deb_root/usr/share/doc/$app_id/copyright"
chmod -R u+rwX,go+rX,go-w "$deb_root"
installed_kb=$(du -sk --exclude=DEBIAN "$deb_root" | cut -f1)
# Qt's xcb and wayland platform plugins load these from the system (PyInstaller leaves out the GL/X
# driver stack on purpose, and these xcb helpers were not on the build host or must match
# the X server's). Everything else the bundle carries itself.
depends="libc6 (>= 2.28), libgl1, libegl1, libfontconfig1, libfreetype6, libx11-6, libx11-xcb1, \
libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, \
libxcb-render-util0, libxcb-shape0, libxcb-shm0, libxcb-sync1, libxcb-xfixes0, \
libxcb-xinerama0, libxcb-xkb1, libxkbcommon0, libxkbcommon-x11-0, libdbus-1-3, \
libwayland-client0, libwayland-cursor0, libwayland-egl1"
cat > "$deb_root/DEBIAN/control" <<EOF
Package: $app_id
Version: $version
Architecture: $arch
Maintainer: ML Interview Studio developers <noreply@ml-interview-studio.invalid>
Installed-Size: $installed_kb
Depends: $depends
Section: education
Priority: optional
Homepage: https://github.com/ml-interview-studio/ml-interview-studio
Description: offline study app for machine-learning interviews
 A question browser over the most-asked machine-learning interview questions
 (foundations, deep learning, recommender systems, system design, coding) with
 live, steppable visualizers of the algorithms they ask about. Fully offline;
 a self-contained build with its own Python, Qt and NumPy under /opt.
EOF
rm -f "$out/${app_id}_${version}_${arch}.deb"
threads=()
dpkg-deb --help | grep -q -- --threads-max && threads=(--threads-max="$(nproc)")
dpkg-deb --root-owner-group -Zxz -z"$xz_level" "${threads[@]}" --build "$deb_root" \
  "$out/${app_id}_${version}_${arch}.deb" >/dev/null
echo "built $out/${app_id}_${version}_${arch}.deb"
