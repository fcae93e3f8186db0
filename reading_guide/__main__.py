"""`python -m reading_guide` runs the same command line as the `reading-guide` script."""

import multiprocessing
import sys

from reading_guide.cli import main

if __name__ == "__main__":
    # In the PyInstaller bundle the PDF export's "spawn" worker re-runs this executable; this call
    # turns that child into the worker instead of a second app. A no-op when run from source.
    multiprocessing.freeze_support()
    sys.exit(main())
