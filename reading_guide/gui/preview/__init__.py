"""The live handout preview."""
