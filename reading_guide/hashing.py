"""SHA-256 hex digests, without loading OpenSSL for small inputs.

`hashlib` loads OpenSSL's libcrypto before it offers sha256: about 3 ms, a noticeable part of
start-up measured against a bare Qt window (bench/bench_startup.py), spent on hashing a guide of
a few kilobytes. CPython's own implementation (module `_sha256` in 3.11, `_sha2` from 3.12) gives
the same digests and loads in 0.2 ms, but is five times slower per megabyte, so large inputs
still go through hashlib.
"""

from __future__ import annotations

from collections.abc import Callable

_SMALL = 256 * 1024  # below this the built-in implementation wins, counting hashlib's import


def _builtin() -> Callable[[bytes], object] | None:
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # CPython 3.12+
        except ImportError:
            return None
    return sha256


_small_sha256 = _builtin()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of `data` as 64 lower-case hex digits."""
    if _small_sha256 is not None and len(data) < _SMALL:
        return _small_sha256(data).hexdigest()  # type: ignore[attr-defined]
    import hashlib

    return hashlib.sha256(data).hexdigest()
