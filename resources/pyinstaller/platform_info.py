"""What the spec stamps on the Windows .exe and into the macOS Info.plist, from the one version
(goals_desktop.__version__). Plain functions, so tests on Linux can check what a Mac or Windows
build would get."""

from __future__ import annotations

import re

COMPANY = "Goals Desktop contributors"
# Qt 6.11, which the PySide6 wheels carry, supports macOS 13 and later.
MACOS_MINIMUM = "13.0"


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """0.1.0 -> (0, 1, 0, 0): Windows version resources hold four 16-bit numbers."""
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def info_plist(name: str, version: str) -> dict:
    """Merged by PyInstaller's BUNDLE over its defaults (bundle id, icon and executable it sets)."""
    return {
        "CFBundleName": name,
        "CFBundleDisplayName": name,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": MACOS_MINIMUM,
        "LSApplicationCategoryType": "public.app-category.productivity",
        "NSHumanReadableCopyright": f"{COMPANY}, MIT License",
        "NSRequiresAquaSystemAppearance": False,  # follows the system's dark mode
    }


def windows_version_file(name: str, version: str) -> str:
    """The .exe's version resource (Properties > Details, and what Inno Setup reads without
    /DAppVersion), in the text form PyInstaller's EXE(version=FILE) reads (as pyi-grab_version writes)."""
    numbers = version_numbers(version)
    strings = ",\n".join(f"        StringStruct({key!r}, {value!r})" for key, value in (
        ("CompanyName", COMPANY), ("FileDescription", name), ("FileVersion", version),
        ("InternalName", "goals-desktop"), ("OriginalFilename", "goals-desktop.exe"),
        ("ProductName", name), ("ProductVersion", version), ("LegalCopyright", "MIT License")))
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
{strings}])]),
    VarFileInfo([VarStruct('Translation', [0x0409, 1200])])
  ]
)
"""
