"""The guide library: open, duplicate for a new session, copy questions from other guides."""
