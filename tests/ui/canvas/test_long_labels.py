"""Long milestone labels on the canvas: up to three wrapped lines in a taller box, elided only beyond
that (at a word), the full label in the tooltip; the taller box still checks off, links and drags."""

import html

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsItem

from goals_desktop.ui.canvas.editor import RoadmapEditor
from goals_desktop.ui.context import PanelContext
from goals_desktop.ui.canvas.items import NODE_HEIGHT, NodeItem
from goals_desktop.ui.canvas.labels import MAX_LABEL_LINES
from goals_desktop.ui.canvas.labels import metrics_for as _font_metrics

SHORT = "Book the hut"
WORDS = ("walk", "hike", "climb", "stretch", "rest", "run", "swim", "map", "pack", "plan", "train", "eat")


def label_of(lines: float) -> str:
    """Short words up to `lines` times the text width, so line counts do not depend on the font."""
    metrics, width, words = _font_metrics("label"), NodeItem.TEXT_WIDTH, []
    while metrics.horizontalAdvance(" ".join(words)) < lines * width:
        words.append(WORDS[len(words) % len(WORDS)])
    return " ".join(words)


@pytest.fixture
def labels(qapp):
    return {"short": SHORT, "two": label_of(1.4), "three": label_of(2.4), "long": label_of(6)}


@pytest.fixture
def editor(qtbot, service, labels):
    goal = service.import_goals([{
        "title": "Get fit for the mountains",
        "roadmap": {"nodes": [
            {"id": "short", "label": labels["short"], "position": {"x": 0, "y": 0}},
            {"id": "two", "label": labels["two"], "estimated_time": "3 months", "position": {"x": 260, "y": 0}},
            {"id": "three", "label": labels["three"], "estimated_time": "6 weeks", "position": {"x": 0, "y": 150}},
            {"id": "long", "label": labels["long"], "position": {"x": 260, "y": 150}},
        ], "edges": [{"id": "e1", "source": "two", "target": "long"}]},
    }])[0]
    editor = RoadmapEditor(PanelContext(service, QUndoStack()))
    qtbot.addWidget(editor)
    editor.resize(1100, 700)
    editor.show()
    qtbot.waitExposed(editor)
    editor.show_goal(goal.id)
    editor.view.set_zoom(1.0)
    editor.view.centerOn(QPointF(130, 75))
    editor.goal = goal
    return editor


def words(text):
    return text.replace("…", "").split()


def test_labels_wrap_onto_up_to_three_lines_and_only_the_rest_is_elided(editor, labels):
    items = editor.scene.nodes
    width = NodeItem.TEXT_WIDTH
    metrics = _font_metrics("label")
    for item in items.values():
        assert 1 <= len(item.label_lines) <= MAX_LABEL_LINES
        assert all(metrics.horizontalAdvance(line) <= width + 0.5 for line in item.label_lines), item.label_lines
        assert item.toolTip() and html.escape(item.node.label) in item.toolTip()  # always the whole label

    assert items["short"].label_lines == [SHORT]
    assert len(items["two"].label_lines) == 2 and words(" ".join(items["two"].label_lines)) == words(labels["two"])
    three = items["three"].label_lines
    assert len(three) == 3 and words(" ".join(three)) == words(labels["three"]), three  # nothing lost, no "…"
    assert not any("…" in line for line in three)

    cut = items["long"].label_lines
    assert len(cut) == 3 and cut[-1].endswith("…") and not any("…" in line for line in cut[:-1])
    shown = words(" ".join(cut))
    assert shown == words(labels["long"])[: len(shown)], "the elided label is the label's beginning, whole words"


def test_a_third_line_grows_the_box_downwards_and_keeps_its_cache(editor):
    items = editor.scene.nodes
    assert items["short"].RECT.height() == NODE_HEIGHT and items["two"].RECT.height() == NODE_HEIGHT
    tall = items["three"]  # three lines and a meta line do not fit the usual box
    assert tall.RECT.height() > NODE_HEIGHT
    assert tall.RECT.top() == NodeItem.RECT.top(), "the top (and the checkbox) stay where they were"
    assert tall.HANDLE_CENTRE.y() == tall.RECT.bottom() and tall.boundingRect().contains(tall.RECT)
    # Text below the meta line would overlap it: the meta line sits below the last label line.
    line_bottom = tall.RECT.top() + 9 + 3 * _font_metrics("label").height()
    assert line_bottom <= tall.RECT.bottom() - 7 - _font_metrics("meta").height()
    assert tall.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache
    # Without a meta line three lines still fit the usual box (an item with no plan has none)...
    bare = NodeItem(items["long"].node)
    assert len(bare.label_lines) == 3 and bare.RECT.height() == NODE_HEIGHT
    # ...but in the goal every open milestone shows its planned due date, so it grows like "three".
    assert items["long"].plan is not None and items["long"].RECT.height() == tall.RECT.height()


def test_the_taller_box_checks_off_links_from_its_bottom_handle_and_drags(qtbot, editor, service):
    goal_id = editor.goal.id
    tall = editor.scene.nodes["three"]
    viewport = editor.view.viewport()

    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=editor.view.mapFromScene(tall.mapToScene(tall.CHECKBOX.center())))
    assert {n.id: n.completed for n in service.get_goal(goal_id).roadmap.nodes}["three"] is True

    # The connect handle moved down with the bottom edge; drag from there onto "short".
    start = editor.view.mapFromScene(tall.mapToScene(tall.HANDLE_CENTRE))
    assert tall.mapToScene(NodeItem.HANDLE_CENTRE) != tall.mapToScene(tall.HANDLE_CENTRE)
    end = editor.view.mapFromScene(editor.scene.nodes["short"].pos())
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + (end - start) * (step / 5))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    edges = {(e.source, e.target) for e in service.get_goal(goal_id).roadmap.edges}
    assert ("three", "short") in edges

    # The arrow leaves the tall box at its real border, not where a usual-size box would end.
    edge = next(e for e in editor.scene.edges.values() if e.source is tall)
    start_y = edge._line.p1().y()
    assert start_y < tall.scene_rect().top() - 1  # "short" is above: the arrow leaves through the top edge
    assert abs(start_y - (tall.scene_rect().top() - 2)) < 0.5


def test_renaming_grows_and_shrinks_the_box_and_its_arrows_follow(editor, service, labels):
    goal_id = editor.goal.id
    item = editor.scene.nodes["two"]
    edge = editor.scene.edges["e1"]
    service.update_node(goal_id, "two", label=labels["three"])
    assert len(item.label_lines) == 3 and item.RECT.height() > NODE_HEIGHT
    assert abs(edge._line.p1().y() - (item.scene_rect().bottom() + 2)) < 0.5  # "long" is below "two"
    assert html.escape(labels["three"]) in item.toolTip()

    service.update_node(goal_id, "two", label="Stretch")
    assert item.label_lines == ["Stretch"] and item.RECT is NodeItem.RECT  # back to the shared geometry
    assert abs(edge._line.p1().y() - (item.scene_rect().bottom() + 2)) < 0.5


def test_labels_without_spaces_wrap_too(qapp):
    """Japanese has no spaces and a very long word has none either: both still use three lines."""
    from goals_desktop.ui.canvas.labels import font_for as _font, wrap_label

    metrics, width = _font_metrics("label"), NodeItem.TEXT_WIDTH
    for text in ("登山前に地図とコンパスの使い方を学び、天気の悪い日にも三回練習する" * 2, "Pneumonoultramicroscopic" * 6):
        lines = wrap_label(text, _font("label"), metrics, width)
        assert len(lines) == 3 and lines[-1].endswith("…"), lines
        assert "".join(lines)[:-1] == text[: sum(map(len, lines)) - 1]  # its beginning, in order
        assert all(metrics.horizontalAdvance(line) <= width + 0.5 for line in lines)
