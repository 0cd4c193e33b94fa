"""One running app per progress folder: a lock file, and a local socket to call the first.

Two instances over one database overwrote each other's notes (a window showing a stale,
never-edited editor saved it over the other's new note). So the first launch takes a
`QLockFile` in the data folder and listens on a `QLocalServer`; a second launch finds the
lock taken, sends "activate" to the first (which brings its window forward), and exits.
A lock left by a crashed process is stale (its PID is gone) and is taken over.

A folder that can't hold the lock (read-only) means the session can't write anyway, so
the app then runs without the lock rather than refusing to start. QtNetwork is imported
only when present (a trimmed frozen build may leave it out): without it the second launch
still stops, with a message instead of bringing the first window forward.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile, QObject, Signal

_MESSAGE = b"activate\n"


def server_name(folder: Path) -> str:
    """A local-socket name unique to the data folder (short: socket paths are limited)."""
    digest = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"ml-interview-studio-{digest}"


class SingleInstance(QObject):
    """Holds the lock of `folder`; `activation_requested` fires when another launch asks."""

    activation_requested = Signal()

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.told_first = False
        self.locked = False
        self._lock: QLockFile | None = None
        self._server: Any = None

    def acquire(self, listen: bool = True) -> bool:
        """True when this process may run (it holds the lock, or no lock can be kept).

        With `listen=False` the caller starts the local server later (`listen()`, after the
        first paint: QtNetwork costs ~10 ms of start-up); a launch in between is told
        "already running" instead of bringing this window forward.
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
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Answer later launches (once; only while this process holds the lock)."""
        if self._server is not None or self._lock is None:
            return
        try:
            from PySide6.QtNetwork import QLocalServer
        except ImportError:
            return
        name = server_name(self.folder)
        QLocalServer.removeServer(name)  # a socket file left by a crash would block listen()
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(name):
            server.newConnection.connect(self._on_connection)
            self._server = server

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            # The message is one short line sent right after connecting: read it here
            # (waiting at most half a second) rather than keep per-socket callbacks alive.
            arrived = socket.bytesAvailable() or socket.waitForReadyRead(500)
            if arrived and bytes(socket.readAll().data()).startswith(_MESSAGE.strip()):
                self.activation_requested.emit()
            socket.abort()
            socket.deleteLater()

    def _tell_first(self) -> bool:
        try:
            from PySide6.QtNetwork import QLocalSocket
        except ImportError:
            return False
        socket = QLocalSocket()
        socket.connectToServer(server_name(self.folder))
        if not socket.waitForConnected(1000):
            return False
        socket.write(_MESSAGE)
        sent = socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        return sent

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
            self.locked = False
