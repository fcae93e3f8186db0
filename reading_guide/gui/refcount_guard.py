"""Keep PySide6 6.12.0 from aborting the process on Python 3.11.

Measured on this machine (PySide6/shiboken6 6.12.0, CPython 3.11): every call to a Qt method
that returns nothing drops one reference to `None` it never took, and `Signal.emit` does the same
to `True`/`False`. Python 3.12+ made these objects immortal, so the bug is invisible there; on
3.11 `None` starts with a few thousand references, and after that many Qt calls (one set_document
of a long essay, or a few seconds of painting) CPython aborts with "Fatal Python error:
none_dealloc: deallocating None". The singletons are static objects that are never freed, so
giving them a huge reference count is exactly what 3.12's immortality does. Call
`protect_singletons()` once, before creating the QApplication (app start-up, test session start);
it is idempotent and does nothing on 3.12+.

No Qt import here: the guard must be installable before Qt is loaded.
"""

from __future__ import annotations

import ctypes
import sys

_IMMORTAL = 1 << 40  # far beyond any number of Qt calls a process will make


def protect_singletons() -> bool:
    """Raise the reference counts of None, True and False; True when it changed anything."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    changed = False
    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the first field
        if count.value < _IMMORTAL:
            count.value += _IMMORTAL
            changed = True
    return changed
