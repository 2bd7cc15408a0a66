"""The Timeline's legend wraps between its phrases on a narrow panel, every line on the panel."""

from PySide6.QtGui import QUndoStack

from goals_desktop.ui.context import PanelContext
from goals_desktop.ui.timeline.panel import LEGEND, TimelinePanel


def test_the_legend_wraps_within_a_narrow_panel_and_shows_every_line(qtbot, service, planned):
    context = PanelContext(service, QUndoStack())
    panel = TimelinePanel(context)
    qtbot.addWidget(panel)
    panel.resize(420, 400)
    panel.show()
    qtbot.waitExposed(panel)
    context.current.set(planned)
    legend = panel.legend
    qtbot.waitUntil(lambda: legend.height() >= legend.heightForWidth(legend.width()))
    lines = legend.heightForWidth(legend.width()) // legend.fontMetrics().lineSpacing()
    assert lines >= 2  # it wrapped
    assert panel.rect().contains(legend.geometry())  # nothing runs off the panel
    assert legend.geometry().bottom() < panel.view.geometry().top()  # nor under the chart
    # Short phrases are never split across lines; the text is the legend's, word for word.
    assert legend.text().replace("\u00a0", " ") == LEGEND
    assert "hatched:\u00a0past\u00a0its\u00a0due\u00a0date" in legend.text()
