"""The window shell and what every feature shares (no feature is imported from here)."""
