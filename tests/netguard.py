"""A local port that nothing may contact: export tests write it into hostile inputs and then
check that no connection arrived (the network must never be touched by an export)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def listening_port() -> Iterator[socket.socket]:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.setblocking(False)
    try:
        yield server
    finally:
        server.close()


def was_contacted(server: socket.socket) -> bool:
    """True when a connection is waiting: something tried to reach the port."""
    try:
        conn, _ = server.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True
