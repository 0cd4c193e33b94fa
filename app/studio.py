"""The composition root's one shared object: library, progress store and study service.

Built once in `app/main.py` and handed to every screen. Whatever changes the learner's
progress (a grade, a bookmark, an undo, an import, a saved mock interview) calls
`notify()`, and the one `progress_changed` signal refreshes every screen that listens
(Anki's operation-did-execute pattern). No screen tells another screen to refresh.

It also watches the store's writes: when the disk refuses one (full, failing), the store
keeps it in memory and `store_message` tells the window's banner so; a timer retries
every 15 s, and the window retries once more when it closes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.content import Library
from app.store import Store, describe_writes
from app.study.core.service import StudyService

RETRY_MS = 15_000


class Studio(QObject):
    """Owns the `Library`, the `Store` and the `StudyService`; emits `progress_changed`."""

    progress_changed = Signal(str)  # the question id that changed, "" for many or unknown
    library_changed = Signal()
    store_message = Signal(str)  # one line for the banner about saving progress

    def __init__(self, library: Library, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.store = store
        self.study = StudyService(library, store)
        self._retry = QTimer(self, interval=RETRY_MS)
        self._retry.timeout.connect(self.retry_pending)
        store.write_listener = self._on_store_event

    def notify(self, question_id: str = "") -> None:
        """Tell every screen that progress changed (call after the change is on disk)."""
        self.progress_changed.emit(question_id)

    def set_library(self, library: Library) -> None:
        """Swap in a larger library (a content pack) for every screen at once."""
        self.library = library
        self.study.library = library
        self.library_changed.emit()
        self.notify()

    # -- writes the disk refused ------------------------------------------------------------

    def retry_pending(self) -> bool:
        """Try again to write what the store holds in memory; True when nothing is pending."""
        return self.store.flush_pending()

    def _on_store_event(self, kind: str, reason: str) -> None:
        if kind == "held":
            what = describe_writes(self.store.pending)
            self.store_message.emit(
                f"Couldn't save your progress ({reason}): {what} kept in memory, so nothing "
                f"is lost and the screens show it. Saving is retried every "
                f"{RETRY_MS // 1000} s and when you quit; free some disk space."
            )
            if not self._retry.isActive():
                self._retry.start()
        elif kind == "saved":
            self._retry.stop()
            self.store_message.emit("The progress kept in memory is now saved.")
