"""The German window: menus, toolbar, tabs and every dialog the menus open speak German, and at the
default window size nothing is cut off (German runs about 30 % longer than English)."""

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QLocale, QPoint, QSettings
from PySide6.QtWidgets import QAbstractButton, QApplication, QTabWidget, QToolBar, QToolButton

from goals_desktop.storage import Database, GoalService
from goals_desktop.ui.language import I18N_DIR, install_translations
from goals_desktop.ui.main_window import MainWindow
from tests.ui.i18n.pseudo import DialogCatcher, Finding, Walk, trigger_every_action


def english_sources() -> set[str]:
    """English texts whose German differs: seeing one in the German window means it was missed."""
    sources = set()
    for message in ET.parse(I18N_DIR / "goals_desktop_de.ts").getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        forms = [form.text or "" for form in translation] or [translation.text or ""]
        if "{" not in source and "%n" not in source and source not in forms and len(source) > 3:
            sources.add(source.replace("&", ""))
    return sources


class EnglishLeft(Walk):
    """A walk that finds the English texts given as user_data (each whole text, & aside)."""

    def check(self, where, text):
        if text:
            self.seen_texts += 1
            if text.replace("&", "") in self.user_data:
                self.findings.append(Finding(where, text))


@pytest.fixture
def german_window(qtbot, db_path, tmp_path, planned, ai_env):
    installed = install_translations("de")
    service = GoalService(Database(db_path))
    try:
        window = MainWindow(service, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()  # at its default size: what a first start shows
        qtbot.waitExposed(window)
        window.goals.select_goal(planned)
        qtbot.waitUntil(lambda: window.editor.goal_id() == planned)
        yield window
    finally:
        service.db.close()
        installed.remove()
        QLocale.setDefault(QLocale.system())


def test_menus_toolbar_and_tabs_are_german(german_window):
    window = german_window
    menus = [action.text() for action in window.menuBar().actions()]
    for title in ("&Datei", "&Bearbeiten", "&Ansicht", "&Hilfe"):
        assert title in menus, menus
    assert "&Sprache" in [action.text() for action in window.view_menu.actions()]
    tabs = {tabs.tabText(i) for tabs in window.findChildren(QTabWidget) for i in range(tabs.count())}
    assert {"Ziele", "Aufgaben", "Roadmap", "Zeitleiste"} <= tabs, tabs
    toolbar = window.findChild(QToolBar)
    texts = [action.iconText() for action in toolbar.actions() if not action.isSeparator()]
    assert "Neues Ziel" in texts and "Rückgängig" in texts, texts


def test_no_english_is_left_in_the_german_window_and_its_dialogs(german_window, qtbot):
    window = german_window
    walk = EnglishLeft(english_sources())
    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
    window.editor.select_node("np")
    walk.widget(window, "window")
    catcher = DialogCatcher(walk, QApplication.topLevelWidgets())
    try:
        trigger_every_action(window, qtbot, catcher, [window.quit_action, window.local_api.action],
                             before=lambda: window.editor.select_node("np"))
    finally:
        catcher.stop()
    assert walk.seen_texts > 100
    assert not walk.findings, f"{len(walk.findings)} English texts:\n" + "\n".join(map(str, walk.findings))


def _cut_off(window) -> list[str]:
    """Buttons (check boxes too) narrower than their words, or reaching past their window's edge."""
    found = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text() or button.objectName() == "qt_toolbar_ext_button":
            continue
        right = button.mapTo(window, QPoint(button.width(), 0)).x()
        if button.width() < button.sizeHint().width() - 1 or right > window.width():
            found.append(f"{type(window).__name__}: {type(button).__name__} {button.text()!r} ({button.width()} of {button.sizeHint().width()} px)")
    return found


def _menu_keys_clash(menu) -> list[str]:
    keys: dict[str, str] = {}
    clashes = []
    for action in menu.actions():
        text = action.text()
        if "&" in text.replace("&&", ""):
            key = text[text.index("&") + 1].lower()
            if key in keys:
                clashes.append(f"{menu.title()!r}: {keys[key]!r} and {text!r} share Alt+{key}")
            keys[key] = text
    return clashes


def test_nothing_is_cut_off_at_the_default_size(german_window, qtbot):
    window = german_window
    toolbar = window.findChild(QToolBar)
    overflow = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert overflow is None or not overflow.isVisible(), "the toolbar's buttons do not fit: some hide behind »"
    problems = _cut_off(window) + _menu_keys_clash(window.menuBar())
    for action in window.menuBar().actions():
        problems += _menu_keys_clash(action.menu())
    catcher = DialogCatcher(None, QApplication.topLevelWidgets(), seen=lambda dialog, _name: problems.extend(_cut_off(dialog)))
    try:
        trigger_every_action(window, qtbot, catcher, [window.quit_action, window.local_api.action],
                             before=lambda: window.editor.select_node("np"))
    finally:
        catcher.stop()
    assert len(catcher.caught) >= 8, catcher.caught
    assert not problems, "\n".join(problems)


def test_the_checks_see_a_clash_and_a_cut_off_box(qtbot):
    from PySide6.QtWidgets import QCheckBox, QDialog, QMenu

    menu = QMenu("&Datei")
    qtbot.addWidget(menu)
    menu.addAction("&KI-Anbieter…")
    menu.addAction("&Kalenderabgleich…")
    assert _menu_keys_clash(menu)
    dialog = QDialog()
    qtbot.addWidget(dialog)
    box = QCheckBox("Im Infobereich weiterlaufen, wenn das Fenster geschlossen wird", dialog)
    dialog.resize(200, 60)
    dialog.show()
    box.resize(box.sizeHint())
    assert _cut_off(dialog)
