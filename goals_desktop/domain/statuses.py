"""A goal's statuses, the one definition (the window's frame reads it before anything else of the
domain is loaded, so this module imports nothing)."""

STATUSES = ("active", "completed", "abandoned")
