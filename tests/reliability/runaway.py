"""Runaway export workers for the fault family: the real `child_main`, with the renderer
replaced by one that never returns (a loop that reports no progress) or that allocates without
end. Picklable by name, so `ExportJob` can start them in its "spawn" child."""

from __future__ import annotations

from typing import Any


def _loop(*args: Any, **kwargs: Any) -> int:
    while True:  # a layout that never ends and never calls the progress hook
        pass


def _allocate(*args: Any, **kwargs: Any) -> int:
    hoard = []
    while True:
        hoard.append(bytearray(16 * 1024 * 1024))  # touched, so it is really resident


def looping_child(*args: Any) -> None:
    import reading_guide.export.api as api
    from reading_guide.export.worker import child_main

    api._write_pdf = _loop  # type: ignore[assignment]
    child_main(*args)


def allocating_child(*args: Any) -> None:
    import reading_guide.export.api as api
    from reading_guide.export.worker import child_main

    api._write_pdf = _allocate  # type: ignore[assignment]
    child_main(*args)
