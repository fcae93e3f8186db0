"""The essay reader: rendered text, paragraph numbers, painted highlights, find, import report."""
