"""The translations shipped are those of today's sources: every marked string is in each .ts file,
and each .qm file is what lrelease makes of its .ts (resources/update_translations.py)."""

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _updater():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "resources" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_translations_are_current():
    stale = _updater().stale_files()
    assert not stale, f"stale: {stale}; run python resources/update_translations.py and commit the result"


def test_german_and_the_english_plurals_are_complete():
    for name in ("goals_desktop_de.ts", "goals_desktop_en.ts"):
        root = ET.parse(ROOT / "goals_desktop" / "i18n" / name).getroot()
        unfinished = [m.findtext("source") for m in root.iter("message") if m.find("translation").get("type") == "unfinished"]
        assert not unfinished, f"{name}: {len(unfinished)} untranslated, e.g. {unfinished[:5]}"


def test_the_wheel_ships_the_compiled_translations():
    import tomllib

    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["goals_desktop"]
    assert "i18n/*.qm" in package_data
    assert list((ROOT / "goals_desktop" / "i18n").glob("*.qm"))
