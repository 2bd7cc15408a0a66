"""Every undo step of the window, one module per aggregate, and the runner that pushes them.

- runner: ServiceCommand (apply/revert, one GoalService call each), push() and Pushed, events()
- goals: create, edit, delete a goal
- roadmap: the canvas's edits and the Timeline's due dates
- todos: todos and subtasks, conversions from the canvas
- exchange: File ▸ Import…
- generation: a roadmap generated or broken down by AI

How undo works: docs/architecture.md.
"""
