"""A milestone's footer (due date · estimate) shows what fits in its box, by priority (the due date
first), and never cuts a word ("≈ 4 we…")."""

import copy

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from goals_desktop.ui.canvas.footer import fit_footer
from goals_desktop.ui.canvas.items import NodeItem
from goals_desktop.ui.canvas.labels import metrics_for
from tests.ui.plan_data import PLAN

ESTIMATES = ["4 weeks", "2-3 weeks", "about four weeks and a half", "a weekend", "", "someday, maybe", "10 days"]


def painted_footers(editor) -> dict[str, tuple[str, str, bool]]:
    """{node id: (the whole footer, the line painted, in bold)} after painting the whole scene."""
    image = QImage(2000, 2000, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    editor.scene.render(painter, QRectF(image.rect()), editor.scene.itemsBoundingRect())
    painter.end()
    return {
        node_id: (item._meta_text(), item._meta_fitted[2], item._plan_state() == "overdue")
        for node_id, item in editor.scene.nodes.items() if item._meta_text()
    }


def test_every_footer_fits_whole_words_and_the_due_date_comes_first(make_editor, service):
    plan = copy.deepcopy(PLAN)
    for index, node in enumerate(plan["roadmap"]["nodes"]):
        node["estimated_time"] = ESTIMATES[index % len(ESTIMATES)]
        node["completed"] = False
    plan["target_date"] = "2099-01-01"
    (goal,) = service.import_goals([plan])
    editor = make_editor(goal.id)
    footers = painted_footers(editor)
    assert len(footers) == len(plan["roadmap"]["nodes"])
    for node_id, (whole, line, bold) in footers.items():
        metrics = metrics_for("meta bold" if bold else "meta")
        assert metrics.horizontalAdvance(line) <= NodeItem.TEXT_WIDTH, (node_id, line)
        assert set(line.removesuffix("…").split()) <= set(whole.split()) | {"overdue", "due"}, (node_id, line, whole)
        assert line.startswith(("due ", "overdue ")), (node_id, line)  # every milestone here has a planned date
        if metrics.horizontalAdvance(whole) <= NodeItem.TEXT_WIDTH:
            assert line == whole
    # Somewhere the estimate did not fit and was left out whole, rather than cut.
    assert any("≈" in whole and "≈" not in line for whole, line, _bold in footers.values())


def test_shorter_wordings_before_leaving_a_part_out_and_words_lost_only_when_nothing_fits(qapp):
    metrics = metrics_for("meta")
    parts = [("overdue since 27 Feb", "overdue 27 Feb"), ("≈ 4 weeks",)]

    def width(text):
        return metrics.horizontalAdvance(text)

    assert fit_footer(parts, metrics, width("overdue since 27 Feb · ≈ 4 weeks")) == "overdue since 27 Feb · ≈ 4 weeks"
    assert fit_footer(parts, metrics, width("overdue 27 Feb · ≈ 4 weeks")) == "overdue 27 Feb · ≈ 4 weeks"
    assert fit_footer(parts, metrics, width("overdue since 27 Feb")) == "overdue since 27 Feb"
    assert fit_footer(parts, metrics, width("overdue 27 Feb")) == "overdue 27 Feb"
    assert fit_footer(parts, metrics, width("overdue 27…")) == "overdue 27…"
    assert fit_footer([("≈ 4 weeks",)], metrics, width("≈ 4 we…")) == "≈ 4…"
    assert fit_footer([], metrics, 100) == ""
