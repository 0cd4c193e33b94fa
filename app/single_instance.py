"""One running app per progress folder: a lock file, and a request file to call the first.

Two instances over one database overwrote each other's notes (a window showing a stale,
never-edited editor saved it over the other's new note). So the first launch takes a
`QLockFile` in the data folder and watches the folder's `activate/` subfolder with a
`QFileSystemWatcher`; a second launch finds the lock taken, drops a request file there
and waits for the first to take it away (which brings its window forward), then exits.
A lock left by a crashed process is stale (its PID is gone) and is taken over.

Only QtCore is needed, so the frozen bundle (which leaves QtNetwork out) behaves like the
source checkout. A file system without change notifications is covered by a poll every
2 s. If the first instance does not answer within five seconds (hung), the request is
removed and the second launch says so with a message instead.

A folder that can't hold the lock (read-only) means the session can't write anyway, so
the app then runs without the lock rather than refusing to start.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QLockFile, QObject, QTimer, Signal

REQUESTS = "activate"  # the subfolder the first instance watches
_PREFIX = "request-"
ANSWER_WAIT_S = 5.0  # a first instance still starting up answers once its loop runs
POLL_MS = 2000  # a backup for file systems where change notifications never arrive


class SingleInstance(QObject):
    """Holds the lock of `folder`; `activation_requested` fires when another launch asks."""

    activation_requested = Signal()

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.told_first = False
        self.locked = False
        self._lock: QLockFile | None = None
        self._watcher: QFileSystemWatcher | None = None
        self._poll: QTimer | None = None

    @property
    def requests(self) -> Path:
        return self.folder / REQUESTS

    def acquire(self, listen: bool = True) -> bool:
        """True when this process may run (it holds the lock, or no lock can be kept).

        With `listen=False` the caller starts answering later (`listen()`, after the first
        paint); a launch in between waits, and is answered once `listen()` runs.
        """
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return True  # read-only folder: nothing can be written, nothing to protect
        lock = QLockFile(str(self.folder / "app.lock"))
        lock.setStaleLockTime(0)  # stale only when the owning process is gone
        if not lock.tryLock(200):
            if lock.error() == QLockFile.LockError.LockFailedError:
                self.told_first = self._tell_first()
                return False
            return True  # no permission to create the lock: run, the store goes read-only
        self._lock = lock
        self.locked = True
        self._take_requests()  # left by launches while no instance ran: not for us
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Answer later launches (once; only while this process holds the lock)."""
        if self._watcher is not None or self._lock is None:
            return
        try:
            self.requests.mkdir(exist_ok=True)
        except OSError:
            return
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_changed)
        self._watcher.addPath(str(self.requests))
        # Some file systems (network shares) accept the watch but never report a change:
        # a slow poll answers there too, well inside the second launch's wait.
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._on_changed)
        self._poll.start()
        self._on_changed()  # a launch since `acquire` has been waiting: answer it now

    def _take_requests(self) -> int:
        """Remove every request file; how many there were."""
        taken = 0
        try:
            entries = list(self.requests.iterdir())
        except OSError:
            return 0
        for entry in entries:
            if entry.name.startswith(_PREFIX):
                try:
                    entry.unlink()
                except OSError:
                    continue
                taken += 1
        return taken

    def _on_changed(self, _path: str = "") -> None:
        if self._take_requests():
            self.activation_requested.emit()

    def _tell_first(self) -> bool:
        """Drop a request for the first instance; True once it took it (it came forward)."""
        request = self.requests / f"{_PREFIX}{os.getpid()}-{time.monotonic_ns()}"
        try:
            self.requests.mkdir(exist_ok=True)  # the first may not be listening yet
            request.touch(exist_ok=False)
        except OSError:
            return False
        deadline = time.monotonic() + ANSWER_WAIT_S
        while time.monotonic() < deadline:
            if not request.exists():
                return True
            # The first instance may live in this very process (tests): let it run.
            QCoreApplication.processEvents()
            time.sleep(0.02)
        try:
            request.unlink()
        except FileNotFoundError:
            return True  # taken at the last moment
        except OSError:
            pass
        return False

    def release(self) -> None:
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None
        if self._poll is not None:
            self._poll.stop()
            self._poll = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
            self.locked = False
