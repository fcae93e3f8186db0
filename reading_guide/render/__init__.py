"""Essay Markdown -> blocks -> reading text (and, for export, HTML). No I/O, no Qt."""

from reading_guide.render.document import BLOCK_SEPARATOR, Block, Document, Span
from reading_guide.render.markdown import parse

__all__ = ["BLOCK_SEPARATOR", "Block", "Document", "Span", "parse"]
