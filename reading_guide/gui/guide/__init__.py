"""The guide beside the essay: the tree, the editors, the edits a user makes and their dialogs."""
