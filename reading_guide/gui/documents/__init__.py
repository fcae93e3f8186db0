"""Opening documents (Word, OpenDocument, EPUB, PDF): a chapter picker and an import in a worker."""
