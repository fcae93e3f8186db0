"""Guide files: strict, safe YAML load and atomic save (docs/FORMAT.md)."""
