"""Writes and transitions of the scoring app, one module per area. Import from the area module."""
