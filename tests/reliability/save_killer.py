"""Child process for the killed-save family: save two versions of a guide in turn, forever.

    python -m tests.reliability.save_killer GUIDES.pickle TARGET

GUIDES.pickle holds a pair of `Guide`s (pickled by the parent, so start-up costs no YAML work).
The child prints "ready" once both are in memory, then calls `storage.save_guide` alternately
with each until the parent kills it with SIGKILL at a random moment. Nothing here catches or
cleans up: the point is what a kill leaves on disk.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from reading_guide.storage import save_guide

    guides = pickle.loads(Path(argv[0]).read_bytes())
    target = Path(argv[1])
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    i = 0
    while True:
        save_guide(guides[i % 2], target)
        i += 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
