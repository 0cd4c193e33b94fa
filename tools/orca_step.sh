#!/usr/bin/env bash
# What Orca says for animation steps of a visualizer, from its debug log (issue 21).
#
#   tools/orca_step.sh [VISUALIZER] [KEYS]      e.g. tools/orca_step.sh pr_threshold "Right Right"
#
# Needs Xvfb, openbox, xdotool, orca and at-spi2-core (Debian: apt-get install xvfb openbox
# xdotool orca at-spi2-core). Starts its own X server, a D-Bus session with the AT-SPI bus,
# Orca with --debug-file, and the app with the visualizer open (accessibility forced on);
# sends KEYS (default "Right": one step) to the window and prints every SPEECH OUTPUT line
# Orca logged. Speech itself needs no sound card: the log shows what would be spoken.
# Everything it starts is stopped by process id.
set -euo pipefail
viz=${1:-pr_threshold} keys=${2:-Right}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d /tmp/orca-step.XXXXXX)
if [ -z "${ORCA_STEP_INNER:-}" ]; then
  disp=:$(( 300 + RANDOM % 100 ))
  Xvfb "$disp" -screen 0 1480x920x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
  trap 'kill $xvfb 2>/dev/null || true' EXIT
  sleep 1
  DISPLAY=$disp openbox >/dev/null 2>&1 & wm=$!
  trap 'kill $wm $xvfb 2>/dev/null || true' EXIT
  sleep 0.5
  ORCA_STEP_INNER=1 DISPLAY=$disp dbus-run-session -- "$0" "$viz" "$keys"
  exit
fi
export QT_QPA_PLATFORM=xcb QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1
/usr/libexec/at-spi-bus-launcher --launch-immediately >"$out/bus.log" 2>&1 & bus=$!
sleep 1
gsettings set org.gnome.desktop.interface toolkit-accessibility true 2>/dev/null || true
orca --replace --disable braille --disable braille-monitor --debug-file="$out/orca-debug.out" >"$out/orca.log" 2>&1 & orca=$!
sleep 4
cd "$root"
ML_STUDIO_DATA_DIR=$(mktemp -d) .venv/bin/python -c '
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import app.main as m
viz = sys.argv[1]
sys.argv = sys.argv[:1]
def later():
    for w in QApplication.topLevelWidgets():
        if hasattr(w, "open_visualizer"):
            w.open_visualizer(viz)
            return
    QTimer.singleShot(200, later)
_app = QApplication(sys.argv[:1])
QTimer.singleShot(500, later)
raise SystemExit(m.main([]))
' "$viz" >"$out/app.log" 2>&1 & app=$!
win=""
for _ in $(seq 1 80); do  # the window, then time for the visualizer's first run
  win=$(xdotool search --onlyvisible --pid $app 2>/dev/null | tail -1) && [ -n "$win" ] && break
  sleep 0.25
done
sleep 10
xdotool windowactivate --sync "$win" 2>/dev/null || true
sleep 1
for k in $keys; do xdotool key --window "$win" "$k"; sleep ${ORCA_STEP_WAIT:-5}; done
# Orca buffers its debug file and loses the tail when stopped: harmless Shift presses
# write enough after the step to push it out.
for _ in $(seq 1 25); do xdotool key --window "$win" Shift_L; sleep 0.1; done
sleep 2
kill $app 2>/dev/null || true; sleep 1
kill -INT $orca 2>/dev/null || true  # Orca flushes its debug log as it shuts down
for _ in $(seq 1 40); do kill -0 $orca 2>/dev/null || break; sleep 0.25; done
kill $orca $bus 2>/dev/null || true
grep -a "SPEECH OUTPUT" "$out/orca-debug.out" | grep -v "'left shift '" | sed "s/{'established': False}//"
echo "(debug log: $out/orca-debug.out)"
