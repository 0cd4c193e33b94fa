"""Loading a user's file off the GUI thread: the worker, the handle and the loader widget.

`VisualizerView.load_user_file` parses on a `LoadWorker` (a `QThread`) so a 2-million-row
CSV never freezes the window. The parser is the visualizer's own pure function; while it
runs, `visualizers.core.csv_reader` reports progress to the worker's `LoadProgress` and
stops with `LoadCancelled` at its next checkpoint once the user presses Cancel.

- `LoadWorker` runs one job and reports `progressed(per_mille)`, then exactly one of
  `succeeded(result)`, `failed(message)` or `cancelled()`. It has no parent: a tab closed
  mid-load is deleted at once, while its worker finishes (within one checkpoint, a few
  milliseconds, after `cancel`) and is kept alive until then by `_RUNNING`.
- `UserFileLoad` is the handle `load_user_file` returns: `finished(bool)`, `cancel()`,
  `wait()` (for tests and scripts), `result`. It refuses to be used as a bool, so code
  written for the old synchronous `assert view.load_csv(path)` fails loudly instead of
  passing without waiting.
- `FileLoader` is the one "Load CSV…" block every visualizer shows: the button and the
  label saying what is loaded, replaced by an inline progress bar with Cancel when a load
  takes longer than `SHOW_AFTER_MS`. The same row, with a busy bar (`computing`), shows
  while a heavy run for new parameters is built on a worker (`VisualizerView.heavy_run`):
  the worker and the handle are the same classes, the job builds a run instead of parsing.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from visualizers.core.csv_reader import LoadCancelled, LoadProgress, tracking

PROGRESS_INTERVAL_S = 0.1  # progress reaches the GUI at most ten times a second
# While a worker parses, the GUI thread gets the GIL back only when the worker is told to
# drop it, after the switch interval (5 ms by default): a paint making hundreds of Qt calls
# waits that long again and again. A shorter interval while loads run keeps paints quick;
# it costs the worker little, since it only matters when both threads want the GIL.
LOAD_SWITCH_INTERVAL_S = 0.001
SHOW_AFTER_MS = 300  # a quicker load finishes before the progress row would flash
STOP_WAIT_MS = 5000  # closing a tab waits at most this long for its worker to notice Cancel
_RUNNING: set[LoadWorker] = set()  # workers still running, whatever became of their views
_normal_switch_interval: float | None = None
_log = logging.getLogger(__name__)


class LoadWorker(QThread):
    """Runs `job` on its own thread with a `LoadProgress` installed; reports the outcome."""

    progressed = Signal(int)  # per mille
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, job: Callable[[], object]) -> None:
        super().__init__()  # no parent: see the module docstring
        self._job = job
        self._last = -1
        self._last_emit = -PROGRESS_INTERVAL_S
        self.progress = LoadProgress(self._report)
        self.setObjectName("load_worker")
        self.finished.connect(self._forget)
        _stop_loads_at_exit()
        _started(self)

    def _report(self, fraction: float) -> None:
        # Each signal is an event the GUI thread handles, and every Python slot there first
        # waits for the GIL (up to the 5 ms switch interval while this thread parses): a
        # signal per checkpoint starved the GUI's timers for 0.4 s. A few per second suffice.
        per_mille = int(fraction * 1000)
        now = time.monotonic()
        if per_mille != self._last and now - self._last_emit >= PROGRESS_INTERVAL_S:
            self._last, self._last_emit = per_mille, now
            self.progressed.emit(per_mille)

    def run(self) -> None:
        try:
            with tracking(self.progress):
                result = self._job()
        except LoadCancelled:
            self.cancelled.emit()
        except ValueError as exc:  # the parsers' "what is wrong with the file"
            self.failed.emit(str(exc))
        except MemoryError:
            self.failed.emit("not enough memory to load it; use a sample of the file")
        except Exception as exc:  # a worker reports, it never takes the app down
            _log.exception("loading a file failed unexpectedly")
            self.failed.emit(f"could not be loaded ({type(exc).__name__}: {str(exc)[:200]})")
        else:
            if self.progress.cancelled:
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)

    def cancel(self) -> None:
        self.progress.cancel()

    def _forget(self) -> None:
        _ended(self)
        self.deleteLater()


def _started(worker: LoadWorker) -> None:
    global _normal_switch_interval
    if not _RUNNING:
        _normal_switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(LOAD_SWITCH_INTERVAL_S, _normal_switch_interval))
    _RUNNING.add(worker)


def _ended(worker: LoadWorker) -> None:
    global _normal_switch_interval
    _RUNNING.discard(worker)
    if not _RUNNING and _normal_switch_interval is not None:
        sys.setswitchinterval(_normal_switch_interval)
        _normal_switch_interval = None


_hooked_exit = False


def _stop_loads_at_exit() -> None:
    """Once per process: quitting the app cancels and waits for running loads.

    A QThread destroyed while running aborts the process.
    """
    global _hooked_exit
    app = QCoreApplication.instance()
    if app is not None and not _hooked_exit:
        app.aboutToQuit.connect(stop_all_loads)
        _hooked_exit = True


def stop_all_loads(timeout_ms: int = STOP_WAIT_MS) -> None:
    """Cancel every running load and wait for the workers (app exit, test teardown)."""
    for worker in list(_RUNNING):
        worker.cancel()
    for worker in list(_RUNNING):
        worker.wait(timeout_ms)


def _ignore(*_args: object) -> None:
    pass


class UserFileLoad(QObject):
    """One load in progress: its outcome arrives as `finished(True)` once installed and run.

    `finished(False)` means the previous data are still in place (a bad file, a refused run,
    or Cancel); the reason is in the view's message strip.
    """

    finished = Signal(bool)
    progressed = Signal(int)  # per mille

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.result: bool | None = None
        self.worker: LoadWorker | None = None
        self._callbacks: tuple[
            Callable[[object], None], Callable[[str], None], Callable[[], None]
        ] = (_ignore, _ignore, _ignore)

    @property
    def running(self) -> bool:
        return self.result is None

    def connect_worker(
        self,
        parsed: Callable[[object], None],
        failed: Callable[[str], None],
        cancelled: Callable[[], None],
    ) -> None:
        """Route the worker's outcome to these callbacks, on the GUI thread.

        The worker's signals reach this object's slots (it lives on the GUI thread and is a
        child of the view), so a view deleted mid-load is never called: Qt drops the
        connections of a destroyed receiver.
        """
        self._callbacks = (parsed, failed, cancelled)
        worker = self.worker
        assert worker is not None
        worker.progressed.connect(self._on_progressed)
        worker.succeeded.connect(self._on_succeeded)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)

    @Slot(int)
    def _on_progressed(self, per_mille: int) -> None:
        if self.result is None:
            self.progressed.emit(per_mille)

    @Slot(object)
    def _on_succeeded(self, data: object) -> None:
        if self.result is not None:
            return
        if self.worker is not None and self.worker.progress.cancelled:
            self._callbacks[2]()  # Cancel pressed after the parse ended: still cancelled
        else:
            self._callbacks[0](data)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if self.result is None:
            self._callbacks[1](message)

    @Slot()
    def _on_cancelled(self) -> None:
        if self.result is None:
            self._callbacks[2]()

    def cancel(self) -> None:
        """Stop the parse at its next checkpoint; the previous data stay."""
        if self.worker is not None:
            self.worker.cancel()

    def stop(self, timeout_ms: int = STOP_WAIT_MS) -> None:
        """Cancel, wait for the worker to end, and finish with False (the view is closing)."""
        worker = self.worker
        self.finish(False)
        if worker is not None:
            worker.cancel()
            worker.wait(timeout_ms)

    def finish(self, result: bool) -> None:
        if self.result is None:
            self.result = result
            self.finished.emit(result)

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Run the event loop until the load has finished; its result (False on timeout)."""
        if self.result is None:
            loop = QEventLoop()
            self.finished.connect(loop.quit)
            QTimer.singleShot(timeout_ms, loop.quit)
            loop.exec()
        return bool(self.result)

    def __bool__(self) -> bool:
        raise TypeError("a load runs in the background: use .wait() or the finished signal")


class FileLoader(QWidget):
    """The "Load CSV…" button, an inline progress bar with Cancel, and what is loaded."""

    cancel_requested = Signal()

    def __init__(
        self,
        button_text: str,
        tooltip: str,
        accessible_name: str,
        label_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        self.button = QPushButton(button_text, self)
        self.button.setToolTip(tooltip)
        self.button.setAccessibleName(accessible_name)
        self.progress_row = QWidget(self)
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.progress_bar = QProgressBar(self.progress_row)
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setFormat("Loading… %p%")
        self.progress_bar.setAccessibleName("Loading progress")
        self.cancel_button = QPushButton("Cancel", self.progress_row)
        self.cancel_button.setAccessibleName("Cancel loading")
        self.cancel_button.setToolTip("Stop loading and keep the current data")
        self.cancel_button.clicked.connect(self.cancel_requested)
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.cancel_button)
        self.label = QLabel(label_text, self)
        self.label.setAccessibleName("Loaded file")
        self.label.setWordWrap(True)
        # The progress row takes the label's place while a load runs, in a slot as tall as
        # the taller of the two: showing it must not re-lay out the tab, which would repaint
        # every plot in the middle of the load (that was the longest stall).
        self.slot = QStackedWidget(self)
        self.slot.addWidget(self.label)
        self.slot.addWidget(self.progress_row)
        layout.addWidget(self.button)
        layout.addWidget(self.slot)
        self._reveal = QTimer(self)
        self._reveal.setSingleShot(True)
        self._reveal.setInterval(SHOW_AFTER_MS)
        self._reveal.timeout.connect(lambda: self.slot.setCurrentWidget(self.progress_row))

    def started(self, name: str) -> None:
        """A load began: the button waits, the progress row appears if it takes a while."""
        self._set_mode(
            f"Loading {name}",
            "Loading… %p%",
            "Loading progress",
            ("Cancel loading", "Stop loading and keep the current data"),
        )
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        self._reveal.start()

    def computing(self, what: str) -> None:
        """A heavy run is being built: the same row, busy (no percentage), with Cancel."""
        self._set_mode(
            what,
            "Computing…",
            "Computing the new run",
            ("Cancel the new run", "Stop computing and keep the previous parameters and run"),
        )
        self.progress_bar.setRange(0, 0)  # busy: the build reports no fraction
        if self.slot.currentWidget() is not self.progress_row:  # shown: stays, no flicker
            self._reveal.start()

    def _set_mode(self, tooltip: str, text: str, bar_name: str, cancel: tuple[str, str]) -> None:
        self.button.setEnabled(False)
        self.progress_bar.setToolTip(tooltip)
        self.progress_bar.setFormat(text)
        self.progress_bar.setAccessibleName(bar_name)
        self.cancel_button.setAccessibleName(cancel[0])
        self.cancel_button.setToolTip(cancel[1])

    def set_progress(self, per_mille: int) -> None:
        self.progress_bar.setValue(per_mille)

    def stopped(self) -> None:
        self._reveal.stop()
        self.slot.setCurrentWidget(self.label)
        self.progress_bar.setRange(0, 1000)  # a busy bar animates even while hidden
        self.button.setEnabled(True)
