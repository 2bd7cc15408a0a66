"""The About box shows the one version (goals_desktop.__version__), as --version, the .deb, the
Windows version resource and Info.plist do (tests/packaging)."""

from PySide6.QtWidgets import QApplication, QMessageBox

from goals_desktop import __version__


def test_about_box_shows_the_version(qtbot, window):
    window.about_action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert __version__ in box.text()
    box.close()
