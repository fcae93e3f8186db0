"""Never lose work: autosave, restore after a crash, and a guide changed on disk."""
