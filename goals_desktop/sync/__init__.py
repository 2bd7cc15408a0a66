"""Two-way CalDAV sync of todos, subtasks and dated milestones as VTODOs, and what is due (no Qt).

engine.py runs one pass, server.py talks to the server, items.py maps items to VTODOs and merges,
account.py keeps the account (password in the keyring), due.py lists what is due. See docs/sync.md.
"""
