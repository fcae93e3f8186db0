"""Reading Guide: prepare reading-group discussions and print handouts.

Layers (see docs/FORMAT.md and DESIGN.md): model <- anchoring <- storage, render <- export <- cli;
gui/ and app.py sit on top and are the only modules that import Qt.
"""

__version__ = "0.1.0"
APP_NAME = "Reading Guide"
