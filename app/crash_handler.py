"""Uncaught errors become a dialog and a log entry, not a dead window.

`install(log_dir)` sets up, for the whole process:
- a rotating log file `app.log` in `log_dir` (Python logging, Qt warnings included);
- `faulthandler` writing native crashes (segfaults, aborts) to `crash.log`;
- `sys.excepthook` (PySide6 routes exceptions raised in slots here): the traceback goes to
  the log and to a non-modal dialog with "Copy details"; the event loop keeps running, so
  the user's session and unsaved notes survive a bug in one screen.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
import sys
import tempfile
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from app.error_dialog import ErrorDialog

LOGGER = logging.getLogger("ml_interview_studio")
# The headless platform plugin's own chatter, not a problem of the app.
BENIGN_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)

_state: dict[str, object] = {}


def log_path() -> Path | None:
    path = _state.get("log_path")
    return path if isinstance(path, Path) else None


def last_dialog() -> ErrorDialog | None:
    from app.error_dialog import ErrorDialog

    dialog = _state.get("dialog")
    return dialog if isinstance(dialog, ErrorDialog) else None


def handle_exception(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    """sys.excepthook: log it, show it, keep going (KeyboardInterrupt still quits)."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    details = "".join(traceback.format_exception(kind, value, tb))
    LOGGER.error("uncaught exception\n%s", details)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        sys.__excepthook__(kind, value, tb)
        return
    summary = f"{kind.__name__}: {value}"
    from app.error_dialog import ErrorDialog  # built only when something went wrong

    dialog = ErrorDialog(summary, details, log_path(), app.activeWindow())
    _state["dialog"] = dialog
    dialog.setModal(False)
    dialog.show()  # non-modal: never block the event loop from inside an exception hook


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    if any(message.startswith(benign) for benign in BENIGN_QT_MESSAGES):
        return
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }.get(kind, logging.WARNING)
    LOGGER.log(level, "Qt: %s", message)


def _rotate(path: Path, max_bytes: int = 1_000_000, keep: int = 3) -> None:
    """Start a new log when the current one is large, keeping `keep` old ones.

    Done once at start-up instead of with logging.handlers.RotatingFileHandler, whose
    import (sockets, pickle, queues) costs more start-up time than this whole function.
    """
    try:
        if not path.exists() or path.stat().st_size < max_bytes:
            return
        for n in range(keep - 1, 0, -1):
            older = path.with_name(f"{path.name}.{n}")
            if older.exists():
                older.replace(path.with_name(f"{path.name}.{n + 1}"))
        path.replace(path.with_name(f"{path.name}.1"))
    except OSError:
        pass  # a log that can't be rotated just keeps growing; never stop the app for it


def _open_log_folder(log_dir: Path) -> tuple[Path, logging.Handler, IO[str]] | None:
    """A log handler and a crash file in `log_dir`, or None when the folder can't be written."""
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / "app.log"
        _rotate(path)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    try:
        crash_file: IO[str] = (log_dir / "crash.log").open("a", encoding="utf-8")
    except OSError:
        handler.close()
        return None
    return path, handler, crash_file


def install(log_dir: Path) -> Path | None:
    """Route errors of the whole process to `log_dir`; returns the log file's path.

    A folder that can't be written (a read-only disk, no permission) never stops the app:
    the logs go to a folder in the system's temporary directory instead, and when that
    fails too, to standard error only (the return value is then None).
    """
    opened = _open_log_folder(log_dir)
    if opened is None:
        fallback = (
            Path(tempfile.gettempdir())
            / f"ml-interview-studio-logs-{os.getuid() if hasattr(os, 'getuid') else 0}"
        )
        opened = _open_log_folder(fallback)
    if opened is None:
        handler: logging.Handler = logging.StreamHandler(sys.stderr)
        path: Path | None = None
        crash_file: IO[str] | None = None
    else:
        path, handler, crash_file = opened
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    LOGGER.addHandler(handler)
    LOGGER.setLevel(logging.INFO)
    # No usable stderr (a windowed build): native crashes just aren't recorded.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        faulthandler.enable(file=crash_file or sys.stderr, all_threads=True)
    _state.update(log_path=path, crash_file=crash_file, handler=handler)
    sys.excepthook = handle_exception
    qInstallMessageHandler(_qt_message)
    LOGGER.info("started")
    if path is not None and path.parent != log_dir:
        LOGGER.warning("log folder %s is not writable; logging to %s", log_dir, path.parent)
    return path


def uninstall() -> None:
    """Undo `install` (tests)."""
    sys.excepthook = sys.__excepthook__
    qInstallMessageHandler(None)
    handler = _state.pop("handler", None)
    if isinstance(handler, logging.Handler):
        LOGGER.removeHandler(handler)
        handler.close()
    if faulthandler.is_enabled():
        faulthandler.disable()
    crash_file = _state.pop("crash_file", None)
    if crash_file is not None and hasattr(crash_file, "close"):
        crash_file.close()
    _state.pop("log_path", None)
    dialog = _state.pop("dialog", None)
    shown = sys.modules.get("app.error_dialog")  # loaded only if a dialog was ever built
    if shown is not None and isinstance(dialog, shown.ErrorDialog):
        dialog.close()
        dialog.deleteLater()
