"""Reliability and security families (issue 7): properties, hostile inputs, faults. See
docs/RELIABILITY.md for what each family proves, its size and its run time."""
