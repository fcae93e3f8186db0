"""`python -m reading_guide` runs the same command line as the `reading-guide` script."""

import sys

from reading_guide.cli import main

if __name__ == "__main__":
    sys.exit(main())
