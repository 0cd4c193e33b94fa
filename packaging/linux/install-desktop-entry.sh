#!/bin/sh
# Add (or, with --uninstall, remove) ML Interview Studio in this user's application menu,
# pointing at the unpacked .tar.xz folder this script sits in. No root needed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app_id=ml-interview-studio
data=${XDG_DATA_HOME:-$HOME/.local/share}
entry="$data/applications/$app_id.desktop"

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$entry"
  find "$data/icons/hicolor" -name "$app_id.png" -o -name "$app_id.svg" 2>/dev/null | xargs -r rm -f
  echo "removed $entry and the icons"
  exit 0
fi

mkdir -p "$data/applications" "$data/icons/hicolor/scalable/apps"
icons="$here/_internal/resources/icons"
cp "$icons/app.svg" "$data/icons/hicolor/scalable/apps/$app_id.svg"
for png in "$icons"/hicolor/*/apps/$app_id.png; do
  size=$(basename "$(dirname "$(dirname "$png")")")
  mkdir -p "$data/icons/hicolor/$size/apps"
  cp "$png" "$data/icons/hicolor/$size/apps/$app_id.png"
done
sed -e "s|^Exec=.*|Exec=\"$here/$app_id\"|" -e "s|^TryExec=.*|TryExec=$here/$app_id|" \
  "$here/$app_id.desktop" > "$entry"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
echo "added $entry"
