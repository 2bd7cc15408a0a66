"""Qt faces of Goals Desktop: the main window and its parts. Only this package imports Qt."""
