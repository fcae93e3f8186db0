"""Essay Markdown -> blocks -> reading text (and, for export, HTML). No Qt.

`parse` is pure. `import_essay` is the one place an essay file is read: it decodes the file,
converts HTML, repairs import damage and lists every repair.
"""

from reading_guide.render.document import BLOCK_SEPARATOR, Block, Document, Span
from reading_guide.render.importer import (
    ACCEPTED_EXTENSIONS,
    MAX_ESSAY_BYTES,
    ImportedEssay,
    import_essay,
    import_essay_text,
)
from reading_guide.render.markdown import parse
from reading_guide.render.repairs import Repair

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
