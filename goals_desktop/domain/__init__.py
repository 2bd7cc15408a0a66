"""Plain-Python domain: goals, roadmaps, todos, the rules about them. No Qt, no SQL.

Import what you need from its modules (models, rules, schedule, todos, errors, statuses): this
package's own import stays free, so the window's frame can read `statuses` before it paints.
"""
