"""The Timeline tab: one bar per milestone from planned start to due date, today's and the
target's lines (view.py), in a panel that follows the current goal (panel.py)."""
