"""PySide6 widgets, undo commands, settings and the export worker: the only Qt package."""
