"""Run one visualizer alone in a window (Qt), as a pyqtgraph example runs on its own.

`python -m visualizers kmeans` (or `python -m visualizers.kmeans`) opens that visualizer
without the study app. Parameters are remembered in the same settings file the app uses
(under `ML_STUDIO_DATA_DIR` when set, else the platform's app-data folder for "ML
Interview Studio"), so a learner's values follow them between the two.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from visualizers.core import memory, registry

# The names the app registers itself under (`app/__init__.py`): the same app-data folder.
APP_NAME = ORGANIZATION = "ML Interview Studio"


def settings_file() -> Path:
    """Where the app keeps its settings: the same rule as `app.main.data_dir`."""
    override = os.environ.get("ML_STUDIO_DATA_DIR")
    if override:
        return Path(override) / "settings.ini"
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    folder = Path(location) if location else Path.home() / ".ml-interview-studio"
    return folder / "settings.ini"


def _parser(visualizer_id: str | None) -> argparse.ArgumentParser:
    ids = [spec.id for spec in registry.all_specs()]
    parser = argparse.ArgumentParser(
        prog=f"python -m visualizers.{visualizer_id}" if visualizer_id else "python -m visualizers",
        description="Open one ML Interview Studio visualizer on its own.",
    )
    if visualizer_id is None:
        parser.add_argument("visualizer", choices=ids, help="which visualizer to open")
    parser.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    parser.add_argument(
        "--no-remember", action="store_true", help="start from the defaults and save nothing"
    )
    parser.add_argument(
        "--quit-after-shown",
        action="store_true",
        help="close as soon as it is shown (a smoke test)",
    )
    return parser


def main(argv: list[str] | None = None, visualizer_id: str | None = None) -> int:
    """Open the visualizer (named in `argv` unless given) and run until its window closes."""
    args = _parser(visualizer_id).parse_args(sys.argv[1:] if argv is None else argv)
    chosen = visualizer_id or str(args.visualizer)
    spec = registry.get(chosen)
    if spec is None:
        print(f"no visualizer {chosen!r}", file=sys.stderr)
        return 2
    try:
        width, height = (int(part) for part in str(args.size).lower().split("x"))
    except ValueError:
        print(f"--size must look like 1280x800, got {args.size!r}", file=sys.stderr)
        return 2

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(ORGANIZATION)
    if not args.no_remember:
        path = settings_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        memory.use_settings_file(path)
    view = spec.load_view_class()(spec)
    view.setWindowTitle(f"{spec.title} — ML Interview Studio")
    view.resize(width, height)
    view.show()
    if args.quit_after_shown:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, app.quit)
    code = app.exec()
    view.shutdown()
    memory.use_settings_file(None)
    return int(code)
