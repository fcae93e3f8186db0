"""Shared fixtures. Qt runs offscreen: without a platform pytest-qt would abort with no report."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app caches parsed essays (storage/parse_cache.py); tests, and the apps they start, keep
# theirs in a folder of their own instead of the user's cache.
if "READING_GUIDE_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="reading-guide-test-cache-")
    os.environ["READING_GUIDE_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, True)
# Commands write a log file (reading_guide/logs.py): the tests' go to a folder of their own.
if "READING_GUIDE_STATE_DIR" not in os.environ:
    _STATE = tempfile.mkdtemp(prefix="reading-guide-test-state-")
    os.environ["READING_GUIDE_STATE_DIR"] = _STATE
    atexit.register(shutil.rmtree, _STATE, True)

# PySide6 6.12.0 on Python 3.11 drops references to None/True/False it never took; a test session
# makes enough Qt calls to abort CPython ("deallocating None"): see gui/refcount_guard.py.
from reading_guide.gui.refcount_guard import protect_singletons  # noqa: E402

protect_singletons()

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def data_dir() -> Path:
    """tests/data: the project's own inputs and reference outputs."""
    return DATA


@pytest.fixture
def shared_dir() -> Path:
    """../shared (the real essay and the anchoring vectors), beside the clone.

    It is the only way tests reach ../shared; a clone on its own has no such folder, and then the
    tests that need it skip with this reason while the project's own fixtures still cover the core.
    """
    if not (SHARED / "DESIGN.md").is_file():
        pytest.skip("../shared is not beside this clone (the shared essays and anchoring vectors)")
    return SHARED


@pytest.fixture
def sample_guide_path() -> Path:
    return ROOT / "guides" / "sample.guide.yaml"
