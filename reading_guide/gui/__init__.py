"""The desktop app (PySide6): the only package that imports Qt.

`core/` is the window shell and what every feature shares: the one GuideSession and its undo
stack, the selection, prompts, settings, files and the typed window protocol. Each other
subpackage is one feature (reader, guide, plan, review, library, preview, export, recovery) that
depends only on the core; app.py, the composition root, builds the shell and installs them.
tests/test_architecture.py checks these rules.
"""
