"""`--self-test`: open every screen and every registered visualizer headless and report.

Used by `make test`, by CI on the frozen bundle, and by anyone whose install misbehaves.
The result goes to stdout *and* a file (a windowed Windows build has no stdout), and the
exit code is 0 only when nothing failed.
"""

from __future__ import annotations

import tempfile
import time
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from app.crash_handler import BENIGN_QT_MESSAGES
from app.main_window import MainWindow
from app.theme import ThemeChoice
from visualizers.core import registry


def run_self_test(window: MainWindow, report: Path | None = None) -> int:
    failures: list[str] = []
    checks: list[str] = []
    qt_warnings: list[str] = []

    def on_qt_message(kind: QtMsgType, _context: object, message: str) -> None:
        serious = kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        if serious and not any(message.startswith(benign) for benign in BENIGN_QT_MESSAGES):
            qt_warnings.append(message)

    previous = qInstallMessageHandler(on_qt_message)
    # Modal dialogs would block a headless run: answer them at once.
    QMessageBox.information = lambda *a, **k: QMessageBox.StandardButton.Ok  # type: ignore[method-assign]
    QMessageBox.about = lambda *a, **k: None  # type: ignore[method-assign]

    def check(name: str, action: Callable[[], object]) -> None:
        try:
            result = action()
            QApplication.processEvents()
            if isinstance(result, list) and result:
                failures.extend(f"{name}: {problem}" for problem in result)
            else:
                checks.append(name)
        except Exception:
            failures.append(f"{name}: {traceback.format_exc(limit=4)}")

    window.resize(1280, 800)
    window.show()
    QApplication.processEvents()
    lib = window.library
    if lib.errors:
        failures.extend(f"content: {e}" for e in lib.errors)
    check("library has questions", lambda: [] if lib.questions else ["no questions loaded"])
    for guide in lib.guides:
        check(f"guide {guide.id}", partial(window.show_guide, guide.id))
    for q in lib.questions:

        def visit(number: int = q.number) -> list[str]:
            window.show_question(number)
            window.question_view.reveal()
            html = window.question_view.browser.toPlainText()
            return [] if "Answer" in html else [f"question {number}: answer not shown after reveal"]

        check(f"question {q.number}", visit)
        if q.implementation:
            from app.implementation import load_implementation

            impl = load_implementation(q.implementation)
            if impl.source is None and registry.get(q.visualizer or "") is not None:
                failures.append(
                    f"question {q.number}: implementation {q.implementation}: {impl.problem}"
                )
    check("search", lambda: window.navigator.search.setText("gradient"))
    check("search clear", lambda: window.navigator.search.setText(""))

    def walk() -> None:
        window.next_question()
        window.previous_question()

    check("next/previous", walk)
    for choice in (ThemeChoice.DARK, ThemeChoice.LIGHT):
        check(f"theme {choice.value}", partial(window.set_theme, choice))
    check("shortcuts dialog", window.show_shortcuts)
    check("about dialog", window.show_about)
    for spec in registry.all_specs():

        def open_and_step(spec_id: str = spec.id) -> list[str]:
            view = window.open_visualizer(spec_id)
            if view is None:
                return [f"could not open: {window.banner_label.text()}"]
            problems: list[str] = list(getattr(view, "run_self_test", lambda: [])())
            window.close_tab(window.tabs.indexOf(view))
            return problems

        check(f"visualizer {spec.id}", open_and_step)
    from app.study.ui.self_check import study_checks

    for name, action in study_checks(window):
        check(name, action)
    qInstallMessageHandler(previous)
    failures.extend(f"Qt warning: {w}" for w in qt_warnings)

    lines = [f"self-test: {len(checks)} checks passed, {len(failures)} failed"]
    lines += [f"FAIL {f}" for f in failures]
    text = "\n".join(lines)
    print(text, flush=True)
    target = report or Path(tempfile.gettempdir()) / "ml-interview-studio-self-test.txt"
    try:
        target.write_text(f"{time.strftime('%Y-%m-%d %H:%M:%S')}\n{text}\n", encoding="utf-8")
    except OSError as exc:
        print(f"could not write the self-test report to {target}: {exc}", flush=True)
    return 0 if not failures else 1
