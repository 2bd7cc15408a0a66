"""Labels, titles and descriptions from people, models and files are shown as text, never as HTML."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from goals_desktop.ui.goal_list import GOAL_ROLE

HOSTILE = "<b>bold</b><img src='file:///etc/passwd'> & <a href='http://x'>link</a>"


def test_hostile_text_is_plain_everywhere_in_the_window(qtbot, window):
    goal = window.service.create_goal(HOSTILE[:200], description=HOSTILE)
    window.service.set_roadmap(goal.id, {"nodes": [{"id": "n1", "label": HOSTILE}], "edges": []})
    window.goals.select_goal(goal.id)
    qtbot.waitUntil(lambda: "n1" in window.editor.scene.nodes)
    window.editor.select_node("n1")

    labels = [label for label in window.findChildren(QLabel) if HOSTILE[:20] in label.text()]
    assert labels, "the hostile title should be on screen somewhere"
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()

    tooltips = [
        window.goals.header.title.toolTip(),
        window.goals.model.index(window.goals.model.row_of(goal.id)).data(Qt.ItemDataRole.ToolTipRole),
        window.editor.scene.nodes["n1"].toolTip(),
    ]
    for tooltip in tooltips:
        assert "<b>" not in tooltip and "&lt;b&gt;bold&lt;/b&gt;" in tooltip
    assert window.goals.model.index(0).data(GOAL_ROLE).title == HOSTILE[:200]
