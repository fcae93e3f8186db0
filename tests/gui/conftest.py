"""The app's per-user folders, for every test of the window and every app process a test starts:
a folder of the test session's own, so no test reads or writes the user's recovery files, open
guide locks or library (reading_guide.userdirs reads these variables)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

for _kind in ("DATA", "STATE", "CONFIG"):
    _name = f"READING_GUIDE_{_kind}_DIR"
    if _name not in os.environ:
        _folder = tempfile.mkdtemp(prefix=f"reading-guide-test-{_kind.lower()}-")
        os.environ[_name] = _folder
        atexit.register(shutil.rmtree, _folder, True)
