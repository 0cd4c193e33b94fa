#!/usr/bin/env bash
# Make sure the Debian tools `make dist` needs are installed: idempotent and quiet.
# As root with apt-get (CI, containers) the missing ones are installed; otherwise the
# script says which packages to install and fails.
#   dpkg-deb (dpkg), xz (xz-utils), desktop-file-validate (desktop-file-utils),
#   makensis (nsis: compiles the Windows installer script as a structure check),
#   objcopy (binutils: drops the debug sections of libpython only).
set -euo pipefail
declare -A need=([dpkg-deb]=dpkg [xz]=xz-utils [desktop-file-validate]=desktop-file-utils [makensis]=nsis [objcopy]=binutils)
missing=()
for tool in "${!need[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${need[$tool]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages for make dist: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "make dist needs these Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
