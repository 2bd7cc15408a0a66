"""The window's language: which one, and the translators that make the widgets speak it.

The language is, first to last: `--lang CODE` on the command line, the override saved in the
settings (View ▸ Language), then the user's own languages as Qt reads them (`LANGUAGE`, then
`LC_ALL` / `LC_MESSAGES` / `LANG`, through `QLocale.uiLanguages()`). The first of the user's
languages we have a translation for wins; English (the source language) is one of them, so
`LANGUAGE=en:de` stays English rather than falling through to German.

Only the window is translated: the CLI and the API stay English, because scripts parse them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

#: Where the .qm files ship (the wheel's package data, the frozen bundle's datas).
I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"
CATALOG = "goals_desktop"
SOURCE_LANGUAGE = "en"
#: The settings key of the user's choice; empty or missing: follow the system.
SETTINGS_KEY = "ui/language"


def available_languages() -> list[str]:
    """The codes we ship a translation for, the source language included ("de", "en", …)."""
    codes = {path.stem.removeprefix(CATALOG + "_") for path in I18N_DIR.glob(f"{CATALOG}_*.qm")}
    return sorted(codes | {SOURCE_LANGUAGE})


def _candidates(name: str) -> list[str]:
    """"de-Latn-AT" → ["de_Latn_AT", "de_AT", "de"]: the most specific file name first."""
    parts = name.replace("-", "_").split("_")
    names = ["_".join(parts)]
    if len(parts) == 3:
        names.append(f"{parts[0]}_{parts[2]}")
    names.append(parts[0])
    return list(dict.fromkeys(names))


def resolve_language(preferred: list[str], available: list[str] | None = None) -> str:
    """The first of the preferred languages (best first, as `QLocale.uiLanguages()` lists them)
    that we have, as the code of its file ("de", "pt_BR"); the source language if none."""
    available = available_languages() if available is None else available
    for name in preferred:
        for candidate in _candidates(name):
            if candidate in available:
                return candidate
    return SOURCE_LANGUAGE


def chosen_language(command_line: str | None = None, settings: QSettings | None = None) -> tuple[str, bool]:
    """(language code, whether the user chose it rather than the system)."""
    override = command_line or (str(settings.value(SETTINGS_KEY, "") or "") if settings is not None else "")
    if override:
        return resolve_language([override]), True
    return resolve_language(QLocale.system().uiLanguages()), False


@dataclass
class Translations:
    """The translators installed on the application (kept here: Qt does not own them)."""

    language: str
    translators: list[QTranslator] = field(default_factory=list)
    qt_catalog: bool = False  # Qt's own words (standard buttons, file dialogs) found too

    def __str__(self) -> str:
        return f"{self.language} (Qt's own catalogue {'loaded' if self.qt_catalog else 'not needed' if self.language == SOURCE_LANGUAGE else 'missing'})"

    def remove(self) -> None:
        for translator in self.translators:
            QCoreApplication.removeTranslator(translator)
        self.translators.clear()


def _load(name: str, folders: list[Path | str]) -> QTranslator | None:
    for folder in folders:
        translator = QTranslator()
        if translator.load(name, str(folder)):
            return translator
    return None


def install_translations(command_line: str | None = None, settings: QSettings | None = None) -> Translations:
    """Install the window's translation and Qt's own (standard dialogs and buttons) for the chosen
    language, before any widget is made. A chosen language also formats dates and numbers."""
    language, chosen = chosen_language(command_line, settings)
    if chosen and language != SOURCE_LANGUAGE:
        QLocale.setDefault(QLocale(language))
    elif chosen:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Territory.UnitedStates))
    installed = Translations(language)
    # The source language's file carries only the English plural forms ("1 milestone").
    ours = _load(f"{CATALOG}_{language}", [I18N_DIR])
    # Qt's catalogue: the bundle ships it beside ours; an installed PySide6 keeps it in Qt's folder.
    qt = None if language == SOURCE_LANGUAGE else _load(
        f"qtbase_{language}", [I18N_DIR, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    )
    installed.qt_catalog = qt is not None
    for translator in (qt, ours):
        if translator is not None:
            QCoreApplication.installTranslator(translator)
            installed.translators.append(translator)
    return installed


def language_name(code: str) -> str:
    """A language by its own name ("Deutsch", "English"), as a person looks for it."""
    locale = QLocale(code)
    if "_" not in code and locale.language() == QLocale.Language.English:
        return "English"  # not "American English": the source language, not a variant of it
    name = locale.nativeLanguageName()
    return name[:1].upper() + name[1:] if name else code


class LanguageMenu(QMenu):
    """View ▸ Language: the system's language or one of ours, saved in the settings; the window
    speaks it from the next start (its texts are made once, when it is built)."""

    chosen = Signal(str)  # a sentence for the status bar

    def __init__(self, settings: QSettings, parent=None) -> None:
        super().__init__(self.tr("&Language"), parent)
        self.setObjectName("languageMenu")
        self.settings = settings
        saved = str(settings.value(SETTINGS_KEY, "") or "")
        group = QActionGroup(self)
        system = resolve_language(QLocale.system().uiLanguages())
        choices = [("", self.tr("System language ({language})").format(language=language_name(system)))]
        choices += [(code, language_name(code)) for code in available_languages()]
        for code, text in choices:
            action = self.addAction(text)
            action.setCheckable(True)
            action.setChecked(code == saved)
            action.setData(code)
            group.addAction(action)
        group.triggered.connect(self._choose)

    def _choose(self, action: QAction) -> None:
        code = action.data() or ""
        self.settings.setValue(SETTINGS_KEY, code)
        self.settings.sync()
        self.chosen.emit(self.tr("The window will speak {language} from its next start.").format(language=action.text()))
