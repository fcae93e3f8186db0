"""SHA-256 hex digests, without loading OpenSSL for small inputs.

`hashlib` loads OpenSSL's libcrypto before it offers sha256: about 3 ms, a noticeable part of
start-up measured against a bare Qt window (bench/bench_startup.py), spent on hashing a guide of
a few kilobytes. CPython's own implementation (module `_sha256` in 3.11, `_sha2` from 3.12) gives
the same digests and loads in 0.2 ms, but is five times slower per megabyte, so large inputs
still go through hashlib.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_SMALL = 256 * 1024  # below this the built-in implementation wins, counting hashlib's import


def _builtin() -> Callable[[bytes], Any] | None:
    import importlib  # by name: these private modules have no type stubs

    for name in ("_sha256", "_sha2"):  # CPython 3.11; 3.12 and later
        try:
            sha256: Callable[[bytes], Any] = importlib.import_module(name).sha256
            return sha256
        except ImportError:
            continue
    return None


_small_sha256 = _builtin()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of `data` as 64 lower-case hex digits."""
    if _small_sha256 is not None and len(data) < _SMALL:
        return str(_small_sha256(data).hexdigest())
    import hashlib

    return hashlib.sha256(data).hexdigest()
