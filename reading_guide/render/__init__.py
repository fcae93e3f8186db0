"""Essay Markdown -> blocks -> reading text (and, for export, HTML). No Qt.

`parse` is pure. `import_essay` is the one place an essay file is read: it decodes the file,
converts HTML, repairs import damage and lists every repair.

Only the document types load with the package; `parse` and the importer (which pull in
markdown-it, about 100 ms) load on first use, so code that only needs `Document` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from reading_guide.render.document import BLOCK_SEPARATOR, Block, Document, Span

if TYPE_CHECKING:
    from reading_guide.render.importer import (
        ACCEPTED_EXTENSIONS,
        MAX_ESSAY_BYTES,
        ImportedEssay,
        import_essay,
        import_essay_text,
    )
    from reading_guide.render.markdown import parse
    from reading_guide.render.repairs import Repair

_LAZY = {
    "ACCEPTED_EXTENSIONS": "importer",
    "MAX_ESSAY_BYTES": "importer",
    "ImportedEssay": "importer",
    "import_essay": "importer",
    "import_essay_text": "importer",
    "parse": "markdown",
    "Repair": "repairs",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "ACCEPTED_EXTENSIONS",
    "BLOCK_SEPARATOR",
    "MAX_ESSAY_BYTES",
    "Block",
    "Document",
    "ImportedEssay",
    "Repair",
    "Span",
    "import_essay",
    "import_essay_text",
    "parse",
]
