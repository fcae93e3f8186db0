"""Which files can be opened as essays, by extension: one list for the importer, the command
line, the app's Open dialog and drag and drop.

A module of constants only, so that code on the start-up path (storage/opening.py) can ask
"is this an essay?" without importing the importers and their libraries.
"""

from __future__ import annotations

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".txt")  # a .txt may be plain text (importer.py)
HTML_EXTENSIONS = (".html", ".htm")
DOCUMENT_EXTENSIONS = (".docx", ".odt", ".epub", ".pdf")  # render/documents.py
ACCEPTED_EXTENSIONS = MARKDOWN_EXTENSIONS + HTML_EXTENSIONS + DOCUMENT_EXTENSIONS
