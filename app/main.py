"""Entry point: build the QApplication, load content and progress, show the main window.

`ml-interview-studio --self-test` opens every screen headless and exits 0, or 1 with the
list of what failed (also written to a result file, since a windowed build has no stdout).
`--practice-check NUMBER FILE` grades a coding-practice solution without opening a window;
`--practice-child` (hidden) is how a frozen app re-invokes itself as the sandboxed child.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from PySide6.QtWidgets import QWidget

from app import APP_ID, APP_NAME, ORGANIZATION, __version__

_START = time.perf_counter()
_PHASES: list[tuple[str, float]] = []  # (phase, ms since start) for --quit-after-shown


def _phase(name: str) -> None:
    """Note when a start-up phase ended (printed by --quit-after-shown for benchmarks.startup)."""
    _PHASES.append((name, (time.perf_counter() - _START) * 1000.0))


def data_dir() -> Path:
    """Where progress and settings live: `<platform data folder>/ML Interview Studio`.

    Qt's AppDataLocation appends organization *and* application name, and both are
    "ML Interview Studio", which doubled the folder; the generic data folder plus the app
    name is the one the README documents. A doubled folder from an earlier version is
    moved up once (`move_legacy_data`).
    """
    override = os.environ.get("ML_STUDIO_DATA_DIR")
    if override:
        return Path(override)
    from PySide6.QtCore import QStandardPaths

    generic = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    if not generic:
        return Path.home() / ".ml-interview-studio"
    target = Path(generic) / APP_NAME
    legacy = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if legacy:
        from app.data_folder import move_legacy_data

        move_legacy_data(Path(legacy), target)
    return target


# Flags without a value: a launch with only these (or none) skips argparse, ~8 ms of start-up.
_SIMPLE_FLAGS = ("--self-test", "--quit-after-shown")


@dataclass(frozen=True)
class Options:
    self_test: bool = False
    self_test_report: Path | None = None
    quit_after_shown: bool = False


def parse_args(argv: list[str]) -> Options:
    if all(arg in _SIMPLE_FLAGS for arg in argv):
        return Options(
            self_test="--self-test" in argv, quit_after_shown="--quit-after-shown" in argv
        )
    parsed = _full_parser().parse_known_args(argv)[0]  # Qt's own options (-style …) pass through
    return Options(parsed.self_test, parsed.self_test_report, parsed.quit_after_shown)


def _full_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(prog=APP_ID, description=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--self-test", action="store_true", help="open every screen headless, report, exit"
    )
    parser.add_argument(
        "--self-test-report",
        type=Path,
        default=None,
        help="file the self-test writes its result to",
    )
    parser.add_argument(
        "--practice-check",
        nargs=2,
        metavar=("NUMBER", "FILE"),
        help="run the tests of coding question NUMBER against FILE, print the results, exit",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--quit-after-shown",
        action="store_true",
        help="print the time from launch to the first shown window, then quit (for benchmarks)",
    )
    return parser


def single_threaded_blas() -> None:
    """Keep NumPy's BLAS on the calling thread (call before NumPy is imported).

    The visualizers multiply small matrices once per frame (a 1,000 × 2 by 2 × 1,000
    product for the matrix-factorization heatmap); OpenBLAS spreads such a product over
    every core and its threads then spin, so on a busy 2-core machine the heatmap took
    16 ms instead of 2.7 ms. Long computations run on worker threads of their own.
    A value the user set in the environment wins.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main(argv: list[str] | None = None) -> int:
    single_threaded_blas()
    raw = sys.argv[1:] if argv is None else argv
    # Coding practice without a window (a frozen app has no separate Python to do this).
    if raw[:1] == ["--practice-child"]:
        from app.practice.child import main as practice_child

        return practice_child()
    if raw[:1] == ["--practice-check"]:
        from app.practice.cli import main as practice_cli

        return practice_cli(["check", *raw[1:]])
    args = parse_args(raw)
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # A self-test must never touch the user's real progress.
        if "ML_STUDIO_DATA_DIR" not in os.environ:
            import tempfile

            os.environ["ML_STUDIO_DATA_DIR"] = tempfile.mkdtemp(prefix="ml-studio-self-test-")

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(APP_ID)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    _phase("qt")

    from app.content import ParseCache, load_library
    from app.main_window import MainWindow
    from app.paths import resources_dir
    from app.store import Store, StoreError
    from app.theme import ThemeChoice, apply_theme

    _phase("imports")

    icon = resources_dir() / "icons" / "app.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))

    folder = data_dir()
    from app import crash_handler

    crash_handler.install(folder / "logs")
    from app.single_instance import SingleInstance

    instance = SingleInstance(folder)
    if not instance.acquire(listen=False):  # answering starts after the first paint
        # Another window already has this progress open: it was asked to come forward.
        # Two writers would overwrite each other's notes, so this launch stops here.
        if not instance.told_first:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(
                None,
                APP_NAME,
                f"{APP_NAME} is already running with this progress folder:\n{folder}\n\n"
                "Switch to its window (one window at a time keeps your notes safe).",
            )
        return 0
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    from visualizers.core.memory import use_settings_file

    use_settings_file(folder / "settings.ini")  # each visualizer's parameters, per id
    try:
        theme = ThemeChoice(str(settings.value("theme", ThemeChoice.SYSTEM.value)))
    except ValueError:
        theme = ThemeChoice.SYSTEM
    apply_theme(theme)
    _phase("settings+theme")

    cache = ParseCache(folder / "cache" / "content.json")
    library = load_library(cache=cache)
    cache.save()
    _phase("content")
    try:
        store = Store(folder / "progress.sqlite3")
    except (StoreError, OSError) as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(
            None, APP_NAME, f"Your progress database can't be opened or created:\n{exc}"
        )
        return 2

    from app.studio import Studio

    studio = Studio(library, store)  # the composition root: one owner of progress
    _phase("store+studio")
    window = MainWindow(library, store, settings, studio=studio)
    _phase("window")
    problems = [str(e) for e in library.errors]
    if problems:
        window.show_banner(
            f"{len(problems)} content problem(s); those files were skipped:\n"
            + "\n".join(problems[:5])
        )
    if store.recovery_message:
        window.show_banner(store.recovery_message)
    if store.read_only_message:
        window.show_banner(store.read_only_message)
    instance.activation_requested.connect(lambda: _bring_forward(window))
    from app.study.core.backup import startup_backup

    backup_problem = (
        None
        if store.read_only
        else startup_backup(store.path, folder / "backups", settings.value("study/backups_kept", 7))
    )
    if backup_problem:
        window.show_banner(backup_problem)

    if args.self_test:
        from app.self_test import run_self_test

        code = run_self_test(window, report=args.self_test_report)
        window.close()
        store.close()
        instance.release()
        return code

    window.show()
    window.after_first_paint(window.finish_startup)  # the Study tab, behind Today
    window.after_first_paint(instance.listen)
    if not args.quit_after_shown:
        from app.warmup import start_warmup

        start_warmup()
    if args.quit_after_shown:

        def report_and_quit() -> None:
            _phase("shown")
            print(" ".join(f"phase:{name}={ms:.1f}" for name, ms in _PHASES), flush=True)
            print(f"shown_after_s={time.perf_counter() - _START:.4f}", flush=True)
            window.close()
            app.quit()

        QTimer.singleShot(0, report_and_quit)
    code = app.exec()
    store.close()
    instance.release()
    return code


def _bring_forward(window: QWidget) -> None:
    """Show, raise and activate `window` (a second launch asked for it)."""
    from PySide6.QtCore import Qt

    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
