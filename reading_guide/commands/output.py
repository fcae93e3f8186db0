"""The output file of a command (`-o`), checked once for every command before any work.

A facilitator's guide may hold hours of preparation, and the shell makes it easy to type the
input's name after `-o` (`export g.guide.yaml -o g.guide.yaml` once replaced the guide with a
PDF, exit 0). So, for `new`, `export`, `reanchor` and `screenshot` alike:
- the output is never one of the command's inputs, under any name (hard link, symbolic link,
  `./`), even with `--force`;
- an existing file (or a symbolic link, even a dangling one) is overwritten only with `--force`;
- a folder, or a name in a folder that does not exist, is refused with one line.
The writers themselves are atomic (reading_guide/atomicwrite.py), so an overwrite with `--force`
either completes or leaves the old file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from reading_guide.errors import InputError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare where they would be
        return os.path.realpath(a) == os.path.realpath(b)


def check_output(
    output: str, inputs: Iterable[tuple[str, str]], *, force: bool, what: str
) -> Path:
    """`output` as a Path once it is safe to write there; else an InputError naming it.

    `inputs` pairs each input file with what it is ("the guide", "the revised essay"); `what`
    names the output ("the handout") in the messages.
    """
    out = Path(output)
    for path, name in inputs:
        if _same_file(out, Path(path)):
            raise InputError(f"is {name} itself; write {what} to another file", file=out)
    if out.is_dir():
        raise InputError(f"is a folder; give the file to write {what} to", file=out)
    if (out.exists() or out.is_symlink()) and not force:
        raise InputError("already exists; use --force to overwrite it", file=out)
    parent = out.parent
    if not parent.is_dir():
        raise InputError(f"cannot write: folder {parent} does not exist", file=out)
    return out
