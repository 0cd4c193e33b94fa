"""The practice pane: edit a solution, run its tests in a child process, keep every attempt.

`PracticeController` is the hook the question view uses: it owns a "Practice" toggle for the
toolbar and a `PracticePane` placed in the view's splitter. Tests run on a worker thread (the
child process does the work; the thread only waits for it), so the window stays responsive.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.content import Question
from app.practice.grader import CaseReport, Report, grade
from app.practice.problems import Problem, all_problems
from app.practice.qt.editor import CodeEditor
from app.rendering import escape, render_markdown
from app.store import PracticeAttempt, Store
from app.theme import font_pt, is_dark, secondary_text, tone


class _Relay(QObject):
    """Carries a finished result from the worker thread to the GUI thread (queued signal)."""

    finished = Signal(object)


class PracticePane(QWidget):
    """Editor, buttons, problem statement, test results and the animation for one problem."""

    run_started = Signal()
    run_finished = Signal(object)  # Report
    reference_shown = Signal(str)  # question id
    coding_round_requested = Signal()
    learner_run_loaded = Signal(object)  # the visualizer view now showing the learner's run

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practicePane")
        self._store = store
        self._question: Question | None = None
        self._problem: Problem | None = None
        self._hints_shown = 0
        self._running = False
        self._loading = False
        self._saved_code = ""
        self._relay = _Relay()
        self._relay.finished.connect(self._on_finished)
        self.last_report: Report | None = None
        self.time_limit: float | None = None  # None: the problem's own limit (10 s)
        dark = is_dark()

        self.title = QLabel(self)
        self.title.setObjectName("practiceTitle")
        self.run_button = QPushButton("▶ Run tests", self)
        self.run_button.setToolTip("Run the tests in a separate, time-limited process (Ctrl+Enter)")
        self.run_button.clicked.connect(self.run_tests)
        self.reset_button = QPushButton("Reset to starter", self)
        self.reset_button.setToolTip(
            "Replace your code with the starter file (your attempts stay in the history)"
        )
        self.reset_button.clicked.connect(self.reset_to_starter)
        self.hint_button = QPushButton("Hint", self)
        self.hint_button.setToolTip("Reveal the next hint, one at a time")
        self.hint_button.clicked.connect(self.show_next_hint)
        self.reference_button = QPushButton("Show reference", self)
        self.reference_button.setToolTip("Show the reference solution (the reveal is recorded)")
        self.reference_button.clicked.connect(self.show_reference)
        self.animate_button = QPushButton("&Animate my code", self)
        self.animate_button.setToolTip(
            "Run your function step by step beside the reference (Alt+A)"
        )
        self.animate_button.clicked.connect(self.animate)
        self.clear_run_button = QPushButton("Clear my run", self)
        self.clear_run_button.setObjectName("practiceClearRun")
        self.clear_run_button.setAccessibleName("Clear my run from the visualizer")
        self.clear_run_button.setToolTip("Return the visualizer to its own run alone")
        self.clear_run_button.clicked.connect(self.clear_my_run)
        self.clear_run_button.hide()
        # Opens (or focuses) a visualizer by id: the main window's, found when first needed;
        # a pane outside the main window opens the visualizer in a window of its own.
        self.visualizer_opener: Callable[[str], QWidget | None] | None = None
        self.visualizer_run: Any = None  # app.practice.qt.animate.VisualizerRun, made on use
        self.learner_view: QWidget | None = None  # the visualizer showing the learner's run
        self._own_visualizers: dict[str, QWidget] = {}
        self.history = QComboBox(self)
        self.history.setToolTip("Earlier test runs of this question: pick one to load its code")
        self.history.setMinimumContentsLength(18)
        self.history.setAccessibleName("Earlier test runs")
        self.history.activated.connect(self._load_attempt)
        self.status = QLabel(self)
        self.status.setObjectName("practiceStatus")
        self.round_button = QPushButton("&Coding round…", self)
        self.round_button.setToolTip(
            "Two problems against a 45-minute clock, like the real coding interview"
        )
        self.round_button.clicked.connect(self.coding_round_requested)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.run_button,
            self.reset_button,
            self.hint_button,
            self.reference_button,
            self.animate_button,
            self.clear_run_button,
        ):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(QLabel("History:", self))
        buttons.addWidget(self.history)

        self.editor = CodeEditor(self, dark=dark)
        self.editor.setAccessibleName("Your solution")
        self.editor.textChanged.connect(self._on_edited)
        self._draft_timer = QTimer(self, singleShot=True, interval=800)
        self._draft_timer.timeout.connect(self.save_draft)

        self.statement = QTextBrowser(self)
        self.statement.setObjectName("practiceStatement")
        self.statement.setAccessibleName("Problem statement")
        self.statement.setAccessibleName("Problem statement")
        self.results = QTreeWidget(self)
        self.results.setObjectName("practiceResults")
        self.results.setAccessibleName("Test results: one row per case")
        self.results.setAccessibleName("Test results: one row per case")
        self.results.setHeaderLabels(["Test", "Result"])
        self.results.setColumnWidth(0, 130)
        self.results.setWordWrap(True)
        self.results.setUniformRowHeights(False)
        self.details = QTextBrowser(self)
        self.details.setObjectName("practiceCaseDetails")
        self.details.setAccessibleName("The selected case: input, expected, got")
        self.details.setAccessibleName("The selected case: input, expected, got")
        self.results.currentItemChanged.connect(self._show_details)
        results_box = QSplitter(Qt.Orientation.Vertical, self)
        results_box.addWidget(self.results)
        results_box.addWidget(self.details)
        results_box.setSizes([300, 200])
        results_box.setChildrenCollapsible(False)
        self.results_box = results_box
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.statement, "Problem")
        self.tabs.addTab(results_box, "Results")
        self.animation_view: QWidget | None = None

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.editor)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        self.split = split

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.status)
        header.addWidget(self.round_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(header)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.run_tests)

    # -- which problem -------------------------------------------------------------------------

    @property
    def problem(self) -> Problem | None:
        return self._problem

    @property
    def running(self) -> bool:
        return self._running

    def set_question(self, question: Question | None) -> None:
        self.save_draft()
        self._question = question
        self._problem = all_problems().get(question.number) if question else None
        self._hints_shown = 0
        self.last_report = None
        self.results.clear()
        self.details.clear()
        self.tabs.setCurrentWidget(self.statement)
        if self.animation_view is not None:
            self.tabs.removeTab(self.tabs.indexOf(self.animation_view))
            self.animation_view.deleteLater()
            self.animation_view = None
        if question is None or self._problem is None:
            self.title.setText("No coding practice for this question.")
            self._set_code("")
            self._refresh_buttons()
            return
        self.title.setText(
            f"<b>Practice · Q{question.number}. {escape(self._problem.title)}</b> — write <code>{escape(self._problem.target)}</code>"
        )
        draft = self._store.practice_draft(question.id)
        self._set_code(draft if draft is not None else self._problem.starter)
        self._refresh_statement()
        self._refresh_history()
        self._refresh_buttons()
        self.status.setText("")

    def _set_code(self, code: str) -> None:
        self._loading = True
        self.editor.setPlainText(code)
        self._loading = False
        self._saved_code = code

    def code(self) -> str:
        return self.editor.toPlainText()

    def _refresh_buttons(self) -> None:
        has = self._problem is not None
        for widget in (
            self.run_button,
            self.reset_button,
            self.reference_button,
            self.editor,
            self.history,
        ):
            widget.setEnabled(has)
        self.run_button.setEnabled(has and not self._running)
        self.animate_button.setEnabled(
            has
            and self._problem is not None
            and (self._problem.animation is not None or self._problem.visualizer is not None)
            and not self._running
        )
        hints = self._hints()
        self.hint_button.setEnabled(self._hints_shown < len(hints))
        self.hint_button.setText(f"Hint ({self._hints_shown}/{len(hints)})" if hints else "Hint")

    def _hints(self) -> Sequence[str]:
        info = self._question.practice if self._question else None
        return info.hints if info else ()

    def _refresh_statement(self) -> None:
        if self._question is None or self._problem is None:
            self.statement.setHtml("")
            return
        dark = is_dark()
        info = self._question.practice
        parts = [f"<p>{escape(self._question.question)}</p>"]
        parts.append(
            f"<p style='color:{secondary_text().name()};'>Your file is run in a separate process with a 10 s limit; the tests compare it with independent oracles. The starter's docstring states the contract.</p>"
        )
        if info is not None:
            parts.append(
                "<h3>Examples</h3><ul>"
                + "".join(f"<li>{render_markdown(e, dark=dark)}</li>" for e in info.examples)
                + "</ul>"
            )
            if info.constraints:
                parts.append(
                    "<h3>Constraints</h3><ul>"
                    + "".join(f"<li>{render_markdown(c, dark=dark)}</li>" for c in info.constraints)
                    + "</ul>"
                )
            parts.append(
                f"<h3>Expected complexity</h3>{render_markdown(info.complexity, dark=dark)}"
            )
            if self._hints_shown:
                parts.append(
                    "<h3>Hints</h3><ol>"
                    + "".join(
                        f"<li>{render_markdown(h, dark=dark)}</li>"
                        for h in info.hints[: self._hints_shown]
                    )
                    + "</ol>"
                )
        self.statement.setHtml(
            f"<body style='font-size: {font_pt(1.15)}pt;'>{''.join(parts)}</body>"
        )

    def show_next_hint(self) -> None:
        if self._hints_shown < len(self._hints()):
            self._hints_shown += 1
            self._refresh_statement()
            self.tabs.setCurrentWidget(self.statement)
            self.statement.verticalScrollBar().setValue(
                self.statement.verticalScrollBar().maximum()
            )
        self._refresh_buttons()

    # -- drafts and history --------------------------------------------------------------------

    def _on_edited(self) -> None:
        # Re-colouring (a theme change) also emits textChanged: only real edits are saved.
        if not self._loading and self._question is not None and self.code() != self._saved_code:
            self._draft_timer.start()

    def save_draft(self) -> None:
        self._draft_timer.stop()
        if self._question is None or self._problem is None or self.code() == self._saved_code:
            return
        code = self._saved_code = self.code()
        self._store.set_practice_draft(
            self._question.id, None if code == self._problem.starter else code
        )

    def reset_to_starter(self) -> None:
        if self._problem is None:
            return
        self.editor.selectAll()
        self.editor.insertPlainText(self._problem.starter)  # one undo step brings the code back
        self.save_draft()
        self.status.setText("Starter restored (Ctrl+Z undoes).")

    def _refresh_history(self) -> None:
        self.history.clear()
        if self._question is None:
            return
        attempts = self._store.practice_attempts(self._question.id)
        if not attempts:
            self.history.addItem("no runs yet", None)
        for attempt in attempts:
            when = time.strftime("%d %b %H:%M", time.localtime(attempt.created_at))
            self.history.addItem(
                f"{when} · {attempt.passed}/{attempt.passed + attempt.failed} passed", attempt.id
            )

    def _load_attempt(self, index: int) -> None:
        attempt_id = self.history.itemData(index)
        if self._question is None or attempt_id is None:
            return
        for attempt in self._store.practice_attempts(self._question.id):
            if attempt.id == attempt_id:
                self.editor.selectAll()
                self.editor.insertPlainText(attempt.code)
                self.status.setText(f"Loaded the code of the run {self.history.itemText(index)}.")
                return

    # -- running -------------------------------------------------------------------------------

    def run_tests(self) -> None:
        if self._problem is None or self._running:
            return
        problem, code, limit = self._problem, self.code(), self.time_limit
        self.save_draft()
        self._running = True
        self._refresh_buttons()
        self.status.setText("Running tests…")
        self.run_started.emit()
        relay = self._relay

        def work() -> None:
            try:
                report: object = grade(problem, code, time_limit=limit)
            except Exception as exc:  # the runner itself failed: show it, never crash the app
                report = exc
            relay.finished.emit((problem.number, code, report))

        threading.Thread(target=work, name="practice-run", daemon=True).start()

    def _on_finished(self, payload: tuple[int, str, object]) -> None:
        number, code, report = payload
        self._running = False
        self._refresh_buttons()
        if not isinstance(report, Report):
            self.status.setText(f"The tests could not run: {report}")
            return
        if self._question is None or self._question.number != number:
            return  # the learner moved on; the result belongs to another question
        self.last_report = report
        self._show_report(report)
        self._store.add_practice_attempt(
            PracticeAttempt(
                self._question.id,
                code,
                _results_json(report),
                report.passed,
                report.failed,
                time.time(),
            )
        )
        self._refresh_history()
        self.run_finished.emit(report)
        if (
            report.all_passed
            and self._problem is not None
            and (self._problem.animation is not None or self._problem.visualizer is not None)
        ):
            self.status.setText(self.status.text() + " — all passed: try “Animate my code”.")

    def _show_report(self, report: Report) -> None:
        colour = tone("good" if report.all_passed else "bad").name()
        self.status.setText(
            f"<span style='color:{colour};'><b>{report.summary()}</b></span> in {report.seconds:.1f} s"
        )
        self.results.clear()
        first_failure: QTreeWidgetItem | None = None
        if report.problem:
            note = QTreeWidgetItem(self.results, ["⚠ run", report.problem])
            note.setForeground(1, QBrush(tone("bad")))
            note.setToolTip(1, report.problem)
        for item in report.cases:
            top = _case_item(self.results, item)
            if not item.passed and first_failure is None:
                first_failure = top
        if first_failure is not None:
            first_failure.setExpanded(True)
            self.results.scrollToItem(first_failure)
            self.results.setCurrentItem(first_failure)
        self.tabs.setCurrentWidget(self.results_box)

    def _show_details(self, item: QTreeWidgetItem | None) -> None:
        """The selected case in full: nothing truncated, the traceback in monospace."""
        while item is not None and item.parent() is not None:
            item = item.parent()  # a row of a case: show the whole case
        if item is None:
            self.details.clear()
            return
        children = [item.child(i) for i in range(item.childCount())]
        rows = [(c.text(0), c.text(1)) for c in children if c is not None]
        parts = [
            f"<p><b>{escape(item.text(0))} — {escape(item.text(1))}</b></p><table cellspacing='4'>"
        ]
        for name, value in rows:
            colour = f" style='color:{tone('bad').name()};'" if name == "why" else ""
            body = (
                f"<pre style='margin:0'>{escape(value)}</pre>"
                if name in ("traceback", "printed")
                else f"<code>{escape(value)}</code>"
            )
            parts.append(f"<tr><td><i>{escape(name)}</i></td><td{colour}>{body}</td></tr>")
        parts.append("</table>")
        self.details.setHtml("".join(parts))

    # -- reference and animation ---------------------------------------------------------------

    def show_reference(self) -> None:
        if self._problem is None or self._question is None:
            return
        from app.implementation import load_implementation

        self._store.record_reference_reveal(self._question.id)
        module, _, names = self._problem.reference.partition(":")
        sources = []
        for name in names.split("+"):  # a problem with two functions shows both
            impl = load_implementation(f"{module}:{name}")
            sources.append(impl.source or f"# {impl.problem}")
        dialog = QDialog(self)
        dialog.setObjectName("referenceDialog")
        dialog.setWindowTitle(f"Reference solution — Q{self._question.number}")
        viewer = CodeEditor(dialog, dark=is_dark())
        viewer.setReadOnly(True)
        viewer.setAccessibleName("Reference solution")
        viewer.setPlainText("\n\n".join(sources))
        reveals = len(self._store.reference_reveals(self._question.id))
        note = QLabel(
            f"Shown {reveals} time(s) for this question. Close it and write your own before peeking again.",
            dialog,
        )
        layout = QVBoxLayout(dialog)
        layout.addWidget(note)
        layout.addWidget(viewer)
        dialog.resize(760, 560)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.reference_dialog = dialog
        self.reference_shown.emit(self._question.id)

    def animate(self) -> None:
        if self._problem is not None and self._problem.visualizer is not None:
            self._animate_in_visualizer(self._problem.visualizer, self._problem.time_limit)
            return
        if self._problem is None or self._problem.animation is None:
            return
        from app.practice.qt.animate import AnimationView

        if self.animation_view is None:
            self.animation_view = AnimationView(self)
            self.tabs.addTab(self.animation_view, "Animation")
        self.tabs.setCurrentWidget(self.animation_view)
        assert isinstance(self.animation_view, AnimationView)
        self.animation_view.start(self._problem.animation(), self.code())

    def _open_visualizer(self, visualizer_id: str) -> QWidget | None:
        opener = self.visualizer_opener or getattr(self.window(), "open_visualizer", None)
        if callable(opener) and opener is not self._open_visualizer:
            view = opener(visualizer_id)
            return view if isinstance(view, QWidget) else None
        view = self._own_visualizers.get(visualizer_id)
        if view is None:
            from visualizers.core import registry

            spec = registry.get(visualizer_id)
            if spec is None:
                return None
            view = spec.load_view_class()(spec)
            assert isinstance(view, QWidget)
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            view.destroyed.connect(lambda *_: self._own_visualizers.pop(visualizer_id, None))
            view.resize(1200, 760)
            self._own_visualizers[visualizer_id] = view
        view.show()
        return view

    def _animate_in_visualizer(self, visualizer_id: str, time_limit: float) -> None:
        """Open the question's visualizer and run the learner's function on its run."""
        from app.practice.qt.animate import VisualizerRun

        if self.visualizer_run is None:
            self.visualizer_run = VisualizerRun(self)
            self.visualizer_run.loaded.connect(self._on_learner_run_loaded)
            self.visualizer_run.failed.connect(self._on_learner_run_failed)
        if self.visualizer_run.running:
            return
        view = self._open_visualizer(visualizer_id)
        if view is None or not hasattr(view, "prepare_learner_run"):
            self.status.setText("This question's visualizer can't run your code.")
            return
        self.animate_button.setEnabled(False)
        self.status.setText("Running your code step by step in a separate process…")
        if not self.visualizer_run.start(view, self.code(), max(time_limit, 30.0)):
            self._refresh_buttons()

    def _on_learner_run_loaded(self, view: QWidget) -> None:
        self.learner_view = view
        self._refresh_buttons()
        self.clear_run_button.show()
        run = view.learner_run() if hasattr(view, "learner_run") else None
        difference = getattr(run, "difference", None)
        self.status.setText(
            "Your run is in the visualizer: "
            + (
                "it matches the reference."
                if difference is None
                else f"differs at step {difference}."
            )
        )
        self.status.setToolTip(getattr(run, "summary", ""))
        self.learner_run_loaded.emit(view)

    def _on_learner_run_failed(self, why: str) -> None:
        self._refresh_buttons()
        self.status.setText(why if len(why) <= 70 else why[:68] + "…")
        self.status.setToolTip(why)

    def clear_my_run(self) -> None:
        """Return the visualizer to its own run alone."""
        view = self.learner_view
        self.learner_view = None
        self.clear_run_button.hide()
        if view is not None and shiboken6.isValid(view) and hasattr(view, "clear_learner_run"):
            view.clear_learner_run()
        self.status.setText("")

    def set_dark(self, dark: bool) -> None:
        self.editor.set_dark(dark)
        self._refresh_statement()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.set_dark(is_dark())


def _case_item(tree: QTreeWidget, report: CaseReport) -> QTreeWidgetItem:
    mark = "✓" if report.passed else "✗"
    top = QTreeWidgetItem(tree, [f"{mark} {report.case.kind}", report.case.title])
    top.setForeground(0, QBrush(tone("good" if report.passed else "bad")))
    rows = [
        ("input", report.case.shown_input),
        ("expected", report.case.expected_text),
        ("got", report.got),
    ]
    if not report.passed:
        rows.append(("why", report.message))
    if report.traceback:
        rows.append(("traceback", report.traceback))
    if report.stdout:
        rows.append(("printed", report.stdout))
    for name, value in rows:
        child = QTreeWidgetItem(top, [name, value])
        child.setToolTip(1, value[:2000])
        if name == "why":
            child.setForeground(1, QBrush(tone("bad")))
    return top


def _results_json(report: Report) -> str:
    return json.dumps(
        {
            "problem": report.problem,
            "cases": [
                {
                    "id": c.case.id,
                    "kind": c.case.kind,
                    "title": c.case.title,
                    "passed": c.passed,
                    "message": c.message,
                    "got": c.got[:500],
                }
                for c in report.cases
            ],
        }
    )
