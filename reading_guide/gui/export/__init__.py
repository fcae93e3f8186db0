"""Export a handout as PDF from the window."""
