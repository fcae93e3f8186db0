"""reading_guide.hashing gives hashlib's SHA-256, whichever implementation it uses."""

from __future__ import annotations

import hashlib

import pytest

from reading_guide import hashing


@pytest.mark.parametrize("size", [0, 1, 63, 64, 65, 1000, hashing._SMALL - 1, hashing._SMALL,
                                  3 * hashing._SMALL + 7])
def test_same_digest_as_hashlib(size: int) -> None:
    data = bytes((i * 7 + 3) % 256 for i in range(size))
    assert hashing.sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_small_inputs_do_not_need_openssl() -> None:
    # The point of the module: CPython's own implementation is there for small inputs.
    assert hashing._small_sha256 is not None
