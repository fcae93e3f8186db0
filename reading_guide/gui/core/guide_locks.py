"""One window per guide file: a lock file per open guide, and a local server to bring the window
that holds it forward.

Two windows on one guide each autosave and save their own version, and the last save silently
drops the other's work (issue 18). So a guide file is held by one window of one process at a
time: opening it again brings the holder forward instead.

- The lock is a small file per guide (named from a hash of the guide's path) in a per-user
  folder, created with O_EXCL, holding the holder's process id and the name of its local server.
- Every app process that holds a guide listens on a QLocalServer (a Unix socket or a Windows
  named pipe, reachable by this user only). Another process that finds the lock asks that server
  to raise the window; a window of this process is raised directly.
- A lock whose process is gone (a crash, a kill) is stale: `processes.process_alive` tells (safe
  on Windows), the new opener takes the lock over and the user is told. A live process that does
  not answer (a frozen window, or a reused process id) is reported; nothing is taken over.
- The server listens a moment after the first claim (LISTEN_AFTER_MS), not during it: loading
  QtNetwork and listening cost ~8 ms, which start-up (claim, then show the window) does not
  pay (bench/bench_startup.py). Its name is in the lock from the start, so an asker that finds
  no server behind a lock younger than LISTEN_GRACE_S asks again until the holder listens,
  instead of taking a live window's guide over.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, QTimer

from reading_guide.errors import printable
from reading_guide.hashing import sha256_hex
from reading_guide.processes import process_alive

if TYPE_CHECKING:  # QtNetwork loads when the first guide is held, not at start-up
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

ANSWER_MS = 2000  # how long to wait for another process to answer "bring it forward"
LISTEN_AFTER_MS = 300  # the holder's server listens this long after its first claim
# A lock this young whose server is not there yet is its holder starting up: ask again.
LISTEN_GRACE_S = 5.0
RETRY_S = 0.05


class Claim(NamedTuple):
    """The answer to "may this window open that guide?".

    `status`: "ok" (now held by the asker), "here" (held by another window, which was brought
    forward), "stale" (its holder, process `pid`, is gone: now held by the asker),
    "unanswered" (held by live process `pid`, which did not answer).
    """

    status: str
    pid: int = 0

    @property
    def granted(self) -> bool:
        return self.status in ("ok", "stale")


class GuideLocks(QObject):
    """The guides this process holds open, for every window of the app (app.py makes one)."""

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        # key -> (the window holding it, a function bringing that window forward)
        self._held: dict[str, tuple[object, Callable[[], None]]] = {}
        self._server: QLocalServer | None = None
        self._name = ""  # the server's name, chosen at the first claim
        self._prefix = "reading-guide-" + sha256_hex(os.fsencode(str(folder)))[:10]

    # Asking ---------------------------------------------------------------------------------

    def claim(self, path: Path, owner: object, bring_forward: Callable[[], None]) -> Claim:
        """Hold `path` for `owner` (a window; `bring_forward` raises it), unless another
        window holds it."""
        key = self.key(path)
        if key in self._held:
            holder, raise_holder = self._held[key]
            if holder is not owner:
                raise_holder()
                return Claim("here", os.getpid())
            return Claim("ok")
        server = self._reserve_server()
        record = json.dumps({"pid": os.getpid(), "server": server,
                             "path": printable(str(path))})
        lock = self.folder / f"{key}.lock"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(lock, "x", encoding="utf-8") as handle:
                handle.write(record)
        except FileExistsError:
            pid, other = _read_lock(lock)
            answer = _ask_to_raise(other, key, lock) if pid and process_alive(pid) and other \
                else "gone"
            if answer == "ok":
                return Claim("here", pid)
            if answer == "silent":
                return Claim("unanswered", pid)
            # Stale: its process is gone, or no longer listens (a process id reused after a
            # restart), or it answered that it no longer has this guide open.
            _replace(lock, record)
            self._held[key] = (owner, bring_forward)
            log.info("took over the stale lock of process %s on %s", pid, printable(str(path)))
            return Claim("stale", pid)
        except OSError:
            # No lock folder (read-only home, full disk): opening must still work.
            log.warning("cannot write the lock for %s", printable(str(path)), exc_info=True)
        self._held[key] = (owner, bring_forward)
        return Claim("ok")

    def release(self, path: Path | None) -> None:
        """Let `path` go (the window closed it, opened another, or closed)."""
        if path is None:
            return
        key = self.key(path)
        if self._held.pop(key, None) is None:
            return
        lock = self.folder / f"{key}.lock"
        pid, server = _read_lock(lock)
        if pid == os.getpid() and server == self._server_name():
            with contextlib.suppress(OSError):
                lock.unlink()

    def holder(self, path: Path) -> object | None:
        """The window of this process holding `path`, if any."""
        held = self._held.get(self.key(path))
        return held[0] if held is not None else None

    @staticmethod
    def key(path: Path) -> str:
        return sha256_hex(os.fsencode(os.path.abspath(path)))[:24]

    # Answering ------------------------------------------------------------------------------

    def _server_name(self) -> str:
        return self._name

    def _reserve_server(self) -> str:
        """The server's name, for the lock; it listens LISTEN_AFTER_MS after the first call."""
        if not self._name:
            self._name = f"{self._prefix}-{os.getpid()}-{os.urandom(3).hex()}"
            timer = QTimer(self)  # a child: it goes with this object
            timer.setSingleShot(True)
            timer.timeout.connect(self.listen)
            timer.start(LISTEN_AFTER_MS)
        return self._name

    def listen(self) -> bool:
        """Start answering other processes now (the timer does it otherwise); whether the
        server listens."""
        if self._server is None and self._name:
            from PySide6.QtNetwork import QLocalServer

            server = QLocalServer(self)
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            if not server.listen(self._name):
                log.warning("cannot listen on %s: %s", self._name, server.errorString())
                return False
            server.newConnection.connect(self._on_connection)
            self._server = server
        return self._server is not None

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_request(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_request(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        words = bytes(socket.readLine().data()).decode("ascii", "replace").split()
        found = len(words) == 2 and words[0] == "raise" and words[1] in self._held
        if found:
            self._held[words[1]][1]()
        socket.write(b"ok\n" if found else b"gone\n")
        socket.flush()
        socket.disconnectFromServer()


def _read_lock(lock: Path) -> tuple[int, str]:
    """(pid, server) of a lock file; (0, "") when it is unreadable."""
    try:
        data = json.loads(lock.read_text(encoding="utf-8"))
        return int(data["pid"]), str(data.get("server", ""))
    except (OSError, ValueError, KeyError, TypeError):
        return 0, ""


def _replace(lock: Path, record: str) -> None:
    temp = lock.with_name(f".{lock.name}.{os.urandom(4).hex()}")
    try:
        temp.write_text(record, encoding="utf-8")
        os.replace(temp, lock)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()


def _lock_age(lock: Path) -> float:
    """Seconds since `lock` was written (infinite when it is gone or unreadable)."""
    try:
        return time.time() - lock.stat().st_mtime
    except OSError:
        return float("inf")


def _ask_to_raise(server: str, key: str, lock: Path) -> str:
    """Ask the process listening on `server` to bring forward its window on `key`: "ok",
    "gone" (no such server, or it has no window on `key`) or "silent" (no answer in time).
    No server behind a young `lock` is its holder still starting: asked again meanwhile."""
    from PySide6.QtNetwork import QLocalSocket

    gone = (QLocalSocket.LocalSocketError.ServerNotFoundError,
            QLocalSocket.LocalSocketError.ConnectionRefusedError)
    while True:
        socket = QLocalSocket()
        socket.connectToServer(server)
        if socket.waitForConnected(ANSWER_MS):
            break
        error = socket.error()
        socket.abort()
        if error not in gone:
            return "silent"
        if _lock_age(lock) >= LISTEN_GRACE_S:
            return "gone"
        time.sleep(RETRY_S)
    try:
        socket.write(f"raise {key}\n".encode("ascii"))
        if not socket.waitForBytesWritten(ANSWER_MS):
            return "silent"
        while not socket.canReadLine():
            if not socket.waitForReadyRead(ANSWER_MS):
                return "silent"
        return "ok" if bytes(socket.readLine().data()).strip() == b"ok" else "gone"
    finally:
        socket.abort()
