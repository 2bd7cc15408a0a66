"""Which language the window speaks: --lang, then the saved choice, then the user's own languages
as Qt reads them from LANGUAGE, LC_ALL / LC_MESSAGES and LANG; Qt's own dialogs follow."""

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings

from goals_desktop.cli import _command_named, build_parser
from goals_desktop.ui.language import SETTINGS_KEY, available_languages, chosen_language, resolve_language


def test_the_first_language_we_have_wins_and_english_is_one_of_them():
    assert resolve_language(["de-Latn-AT", "de-AT", "de-Latn", "de"], ["de", "en"]) == "de"
    assert resolve_language(["en-US", "en", "de-DE", "de"], ["de", "en"]) == "en"
    assert resolve_language(["fr-FR", "fr", "de"], ["de", "en"]) == "de"
    assert resolve_language(["fr-FR", "fr"], ["de", "en"]) == "en"
    assert resolve_language(["C"], ["de", "en"]) == "en"
    assert resolve_language(["pt-BR"], ["pt_BR", "pt", "en"]) == "pt_BR"
    assert resolve_language(["pt-PT", "pt"], ["pt_BR", "pt", "en"]) == "pt"


def test_german_ships():
    assert "de" in available_languages()


def _chosen_in_a_process(environment: dict[str, str], *args: str) -> list:
    """chosen_language(...) in a fresh process: Qt reads the environment once, at its start."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(environment)
    code = (
        "import json, sys; from goals_desktop.ui.language import chosen_language; "
        "print(json.dumps(chosen_language(*(sys.argv[1:] or [None]))))"
    )
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_AT.UTF-8"}, "de"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "de:en"}, "de"),
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "en:de"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
    ],
)
def test_the_window_follows_the_users_language(environment, language):
    assert _chosen_in_a_process(environment) == [language, False]


def test_the_command_line_beats_the_environment():
    assert _chosen_in_a_process({"LANG": "de_DE.UTF-8"}, "en") == ["en", True]
    assert _chosen_in_a_process({"LANG": "en_US.UTF-8"}, "de") == ["de", True]


def test_the_saved_choice_beats_the_system_and_the_command_line_beats_both(tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(SETTINGS_KEY, "de")
    assert chosen_language(None, settings) == ("de", True)
    assert chosen_language("en", settings) == ("en", True)
    settings.setValue(SETTINGS_KEY, "")
    assert chosen_language(None, settings)[1] is False


def test_lang_is_an_option_of_the_window_and_commands_still_parse_after_it():
    assert _command_named(["--lang", "de", "goals", "list"]) == "goals"
    assert _command_named(["--lang=de", "goals"]) == "goals"
    assert _command_named(["--lang", "de"]) is None
    args = build_parser(["goals"]).parse_args(["--lang", "de", "goals", "list"])
    assert args.lang == "de" and args.command == "goals"


def test_the_cli_stays_english_whatever_the_language(tmp_path):
    env = {**os.environ, "LANG": "de_DE.UTF-8", "LANGUAGE": "de", "GOALS_DESKTOP_DATABASE": str(tmp_path / "g.sqlite3")}
    done = subprocess.run(
        [sys.executable, "-m", "goals_desktop", "--lang", "de", "goals", "create", "Laufen lernen"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Created" in done.stdout


def test_qt_own_dialog_words_follow_the_language():
    """Qt's standard buttons come from its own qtbase catalogue, installed beside ours."""
    code = (
        "import os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication, QDialogButtonBox\n"
        "from goals_desktop.ui.language import install_translations\n"
        "app = QApplication([])\n"
        "installed = install_translations('de')\n"
        "box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)\n"
        "print(installed.language, box.buttons()[0].text())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["de", "Abbrechen"]


def test_the_language_menu_saves_the_choice_for_the_next_start(qtbot, tmp_path):
    from goals_desktop.ui.language import LanguageMenu

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    menu = LanguageMenu(settings)
    qtbot.addWidget(menu)
    names = [action.text() for action in menu.actions()]
    assert names[0].startswith("System language") and "Deutsch" in names and "English" in names
    assert menu.actions()[0].isChecked()
    said = []
    menu.chosen.connect(said.append)
    next(action for action in menu.actions() if action.text() == "Deutsch").trigger()
    assert QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat).value(SETTINGS_KEY) == "de"
    assert chosen_language(None, settings) == ("de", True)
    assert said and "Deutsch" in said[0]
