"""Bring the window's translations up to date with the sources, or check that they are.

    python resources/update_translations.py          # lupdate the .ts files, lrelease the .qm files
    python resources/update_translations.py --check  # exit 1 if the committed files are stale

`pyside6-lupdate` reads every string marked for translation in the window's sources (goals_desktop/ui
and goals_desktop/app.py) into goals_desktop/i18n/goals_desktop_LANG.ts; `pyside6-lrelease` compiles
each into the .qm file the window loads. The English file holds only the plural forms ("%n
milestones" → "1 milestone"). No line numbers are kept, so moving code leaves the files current.

A string that moves to another class (another translation context) keeps its translation: lupdate
would mark it new and untranslated, so a translation of the same English text found in the file
before the update is carried over (and lupdate is run again to write the file in its own layout).
See docs/translations.md.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "goals_desktop"
I18N = PACKAGE / "i18n"
CATALOG = "goals_desktop"
SOURCE_LANGUAGE = "en"


def sources() -> list[Path]:
    return sorted((PACKAGE / "ui").rglob("*.py")) + [PACKAGE / "app.py"]


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python (a venv need not be activated)."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"update_translations: error: {name} not found (pip install PySide6-Essentials)")
    return found


def run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"update_translations: error: {' '.join(command[:1])} failed:\n{done.stdout}{done.stderr}")


def translation_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{CATALOG}_*.ts"))


def language_of(ts: Path) -> str:
    return ts.stem.removeprefix(CATALOG + "_")


def _key(message: ET.Element) -> tuple[str, str, bool]:
    return (message.findtext("source") or "", message.findtext("comment") or "", message.get("numerus") == "yes")


def known_translations(ts: Path) -> dict[tuple[str, str, bool], ET.Element]:
    """Finished translations in ts by English text (any context, obsolete ones too)."""
    known = {}
    if ts.exists():
        for message in ET.parse(ts).getroot().iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in (None, "obsolete", "vanished"):
                if (translation.text or "").strip() or len(translation):
                    known.setdefault(_key(message), translation)
    return known


def carry_over(ts: Path, known: dict) -> int:
    """Fill untranslated messages from known; returns how many were filled."""
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished" or (translation.text or "").strip():
            continue
        if any((form.text or "").strip() for form in translation):
            continue
        earlier = known.get(_key(message))
        if earlier is None:
            continue
        translation.clear()  # (also drops type="unfinished")
        translation.text = earlier.text
        for form in earlier:
            copy = ET.SubElement(translation, form.tag)
            copy.text = form.text
        filled += 1
    if filled:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def update(folder: Path, release_to: Path) -> None:
    """Update the .ts files in folder from the sources and compile each into release_to."""
    files = [str(path) for path in sources()]
    for ts in translation_files(folder):
        known = known_translations(ts)
        options = ["-locations", "none", "-no-obsolete", "-silent", "-target-language", language_of(ts)]
        if language_of(ts) == SOURCE_LANGUAGE:
            options.append("-pluralonly")
        lupdate = [tool("pyside6-lupdate"), *files, *options, "-ts", str(ts)]
        run(lupdate)
        if carry_over(ts, known):
            run(lupdate)  # back into lupdate's own layout
        run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(release_to / f"{ts.stem}.qm")])


def stale_files() -> list[str]:
    """The committed .ts/.qm files an update would change (or add, or that it would not make)."""
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(temporary)
        for ts in translation_files(I18N):
            shutil.copy2(ts, scratch / ts.name)
        update(scratch, scratch)
        stale = []
        made = {path.name for path in scratch.iterdir()}
        shipped = {path.name for path in I18N.iterdir() if path.suffix in (".ts", ".qm")}
        for name in sorted(made | shipped):
            if name not in made or name not in shipped or not filecmp.cmp(scratch / name, I18N / name, shallow=False):
                stale.append(name)
        return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report stale files (exit status 1 if any)")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        if stale:
            print(f"Stale translations: {', '.join(stale)}; run python resources/update_translations.py", file=sys.stderr)
            return 1
        print("Translations are up to date.")
        return 0
    update(I18N, I18N)
    print(f"Updated {', '.join(path.name for path in translation_files(I18N))} and their .qm files.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
