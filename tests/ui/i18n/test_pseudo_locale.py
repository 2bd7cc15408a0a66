"""Under a pseudo-locale that wraps every translated string in ⟦…⟧, nothing a person can read in
the window — widgets, actions, menus, tooltips, tabs, headers, the status strip, every dialog the
menus open — is left unwrapped, apart from the user's own data, numbers and dates."""

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from goals_desktop import APP_NAME, __version__
from goals_desktop.storage import Database, GoalService
from goals_desktop.ui.language import available_languages, language_name
from tests.support.windows import window_showing
from tests.ui.i18n.pseudo import NAMES, DialogCatcher, Walk, install_pseudo_locale, locale_words, residue, trigger_every_action


def test_residue_sees_only_what_escaped_translation():
    assert residue("⟦Delete “⟦x⟧”?⟧", []) == ""
    assert residue("Learn ML — ⟦Target⟧ 2026-06-30 (42 %)", ["Learn ML"]) == ""
    assert residue("⟦Progress⟧ 25% · 3 of 10 milestones", []).strip() == "25% · 3 of 10 milestones"
    assert residue("<b>⟦Bold⟧</b>", []) == ""
    assert residue("<b>Bold</b>", []) != ""
    assert residue("⟦e.g.⟧ http://localhost:11434/v1", []) == ""


def user_data(db_path) -> set[str]:
    """Everything the person typed (or a model wrote) in the test's database."""
    service = GoalService(Database(db_path))
    try:
        texts = {APP_NAME, __version__, str(db_path), str(db_path.parent), *NAMES, *locale_words()}
        texts |= {language_name(code) for code in available_languages()}  # each language by its own name
        for summary in service.list_goals():
            goal = service.get_goal(summary.id)
            texts |= {goal.title, goal.description or ""}
            for node in goal.roadmap.nodes if goal.roadmap else ():
                texts |= {node.label, getattr(node, "description", "") or "", getattr(node, "estimated_time", "") or ""}
        for todo in service.list_todos():
            texts |= {todo.title, getattr(todo, "notes", "") or ""}
        return {text for text in texts if text}
    finally:
        service.db.close()


#: What the walk must not trigger: it would end the window, or serve the API on a port.
NOT_TRIGGERED = ("quit_action",)


@pytest.fixture
def pseudo_window(qtbot, db_path, tmp_path, planned, ai_env):
    translator = install_pseudo_locale()
    try:
        yield from window_showing(qtbot, db_path, tmp_path, planned)
    finally:
        QCoreApplication.removeTranslator(translator)


def test_every_text_of_the_window_went_through_translation(pseudo_window, qtbot, db_path):
    window = pseudo_window
    walk = Walk(user_data(db_path))
    skipped = [getattr(window, name) for name in NOT_TRIGGERED] + [window.local_api.action]

    # Each tab shown once, so what it builds on first show is there to read.
    from PySide6.QtWidgets import QTabWidget

    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            qtbot.wait(10)
    window.editor.select_node("np")
    walk.widget(window, "window")
    # Menus made when asked for: the canvas's (a milestone, a link, the background) and the Timeline's.
    from PySide6.QtCore import QPointF

    editor = window.editor
    for item in (editor.scene.nodes["np"], next(iter(editor.scene.edges.values())), None):
        walk.widget(editor.context_menu(item, QPointF(0, 0)), "canvas menu")
    from goals_desktop.ui.timeline.rows import ROW_HEIGHT

    timeline = window.timeline.view
    menus = [timeline.context_menu_for(QPointF(50, (row + 0.5) * ROW_HEIGHT)) for row in range(len(timeline.rows))]
    assert any(menus), "the Timeline offered no menu"
    for menu in filter(None, menus):
        walk.widget(menu, "timeline menu")

    catcher = DialogCatcher(walk, QApplication.topLevelWidgets())
    try:
        trigger_every_action(window, qtbot, catcher, skipped, before=lambda: window.editor.select_node("np"))
    finally:
        catcher.stop()
    walk.widget(window, "window after the actions")

    assert walk.seen_texts > 100, "the walk read next to nothing: is the window built?"
    assert catcher.caught, "no dialog opened"
    assert not walk.findings, f"{len(walk.findings)} texts escaped translation:\n" + "\n".join(map(str, walk.findings))

