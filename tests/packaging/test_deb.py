"""The Debian package, made from the one-dir build `frozen_app` already made (PyInstaller runs once
per test run), checked with Debian's own tools and started from an unpacked copy."""

import gzip
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from goals_desktop import APP_ID, APP_RDNS, __version__
from tests.support.frozen_build import background_deb, background_lintian, lintian, make_deb

ROOT = Path(__file__).resolve().parents[2]
DEB_TOOLS = ("dpkg-deb", "lintian", "desktop-file-validate", "appstreamcli", "readelf")
MISSING = [tool for tool in DEB_TOOLS if shutil.which(tool) is None]
APP_DIR = Path("usr/lib/goals-desktop")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a .deb is built on Debian or Ubuntu"),
    pytest.mark.skipif(bool(MISSING), reason=f"{', '.join(MISSING)} not installed "
                       "(apt-get install dpkg-dev lintian desktop-file-utils appstream binutils)"),
]


def tool(*argv, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, timeout=600, **kwargs)


@pytest.fixture(scope="module")
def deb(frozen_app, tmp_path_factory, request):
    """The package made from `frozen_app` (in the background, after the bundle, when it could)."""
    made = background_deb(request.config)
    if made is None:
        out = tmp_path_factory.mktemp("deb")
        built = make_deb(frozen_app, out)
        packages = list(out.glob("*.deb"))
    else:
        (built, package) = made
        built = subprocess.CompletedProcess(["deb.py"], **built)
        packages = [package] if package else []
    assert built.returncode == 0, built.stderr[-3000:]
    (package,) = packages
    return package


@pytest.fixture(scope="module")
def unpacked(deb, tmp_path_factory):
    root = tmp_path_factory.mktemp("root")
    assert tool("dpkg-deb", "-x", str(deb), str(root)).returncode == 0
    return root


def test_named_and_described_as_debian_wants(deb):
    arch = tool("dpkg", "--print-architecture").stdout.strip()
    assert deb.name == f"goals-desktop_{__version__}_{arch}.deb"
    fields = dict(re.findall(r"^(\S+): (.*)$", tool("dpkg-deb", "-f", str(deb)).stdout, re.MULTILINE))
    assert (fields["Package"], fields["Version"], fields["Architecture"]) == ("goals-desktop", __version__, arch)
    depends = {name.split()[0] for name in fields["Depends"].split(", ")}
    assert {"libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-keysyms1"} <= depends
    assert "fonts-noto-color-emoji" in fields["Recommends"]
    assert int(fields["Installed-Size"]) > 50_000  # KiB: the whole app is inside


def test_files_go_where_debian_puts_them(deb):
    listing = tool("dpkg-deb", "-c", str(deb)).stdout.splitlines()
    owners = {line.split()[1] for line in listing}
    assert owners == {"root/root"}
    paths = {line.split()[5].removeprefix("./").rstrip("/") for line in listing}
    assert "usr/bin/goals-desktop -> ../lib/goals-desktop/goals-desktop" in {
        " ".join(line.split()[5:]).removeprefix("./") for line in listing}
    expected = {
        "usr/lib/goals-desktop/goals-desktop",
        "usr/share/applications/goals-desktop.desktop",
        f"usr/share/metainfo/{APP_RDNS}.metainfo.xml",
        "usr/share/icons/hicolor/scalable/apps/goals-desktop.svg",
        "usr/share/man/man1/goals-desktop.1.gz",
        "usr/share/doc/goals-desktop/copyright",
        "usr/share/doc/goals-desktop/changelog.gz",
        "usr/share/lintian/overrides/goals-desktop",
    } | {f"usr/share/icons/hicolor/{n}x{n}/apps/goals-desktop.png" for n in (16, 24, 32, 48, 64, 128, 256)}
    assert expected <= paths
    # Everything under /usr (nothing in /opt, /etc or a home), and no byte-code caches of the build.
    assert all(path == "" or path == "usr" or path.startswith("usr/") for path in paths)
    assert not [path for path in paths if "__pycache__" in path]


def test_lintian_finds_no_errors(deb, request):
    # lintian takes half a minute: it ran in the background on this package when it could.
    checked = background_lintian(request.config) or lintian(deb)
    errors = [line for line in checked.stdout.splitlines() if line.startswith("E:")]
    assert checked.returncode == 0 and not errors, checked.stdout[-3000:] + checked.stderr[-1000:]
    # The overrides are for what a bundled app cannot avoid; a warning beyond them is a finding.
    assert not [line for line in checked.stdout.splitlines() if line.startswith("W:")], checked.stdout[-3000:]


def test_menu_entry_and_appstream_metadata_validate(unpacked):
    desktop = unpacked / "usr/share/applications/goals-desktop.desktop"
    validated = tool("desktop-file-validate", str(desktop))
    assert validated.returncode == 0 and not validated.stdout.strip(), validated.stdout
    entry = dict(line.split("=", 1) for line in desktop.read_text().splitlines() if "=" in line)
    # The window calls setDesktopFileName(APP_ID): the same name, or Wayland shows no icon.
    assert entry["StartupWMClass"] == APP_ID == desktop.stem
    assert entry["Exec"].split()[0] == "goals-desktop" and (unpacked / "usr/bin" / entry["Exec"].split()[0]).exists()
    assert (unpacked / f"usr/share/icons/hicolor/48x48/apps/{entry['Icon']}.png").is_file()

    metainfo = unpacked / f"usr/share/metainfo/{APP_RDNS}.metainfo.xml"
    validated = tool("appstreamcli", "validate", "--no-net", str(metainfo))
    assert validated.returncode == 0, validated.stdout + validated.stderr
    component = ElementTree.parse(metainfo).getroot()
    assert component.findtext("id") == APP_RDNS
    assert component.findtext("launchable") == desktop.name
    assert component.find("releases/release").get("version") == __version__
    assert component.find("content_rating") is not None


def test_changelog_and_copyright(unpacked):
    doc = unpacked / "usr/share/doc/goals-desktop"
    changelog = gzip.decompress((doc / "changelog.gz").read_bytes()).decode()
    assert changelog.startswith(f"goals-desktop ({__version__}) unstable; urgency=medium\n")
    if shutil.which("dpkg-parsechangelog"):
        parsed = tool("dpkg-parsechangelog", "-l", "-", input=changelog)
        assert f"Version: {__version__}" in parsed.stdout, parsed.stderr
    copyright = (doc / "copyright").read_text()
    assert copyright.startswith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/")
    for component in ("Python 3.", "Qt 6", "PySide6", "SQLAlchemy", "License: MIT"):
        assert component in copyright, component


def test_every_library_the_app_links_is_bundled_or_a_dependency(deb, unpacked):
    """What the bundle's ELF files need and do not carry must come from a package in Depends
    (this machine has them installed: .ci/run puts in the X libraries Qt's xcb plugin loads)."""
    app = unpacked / APP_DIR
    elves = [p for p in app.rglob("*") if p.is_file() and not p.is_symlink() and p.read_bytes()[:4] == b"\x7fELF"]
    dynamic = tool("readelf", "-d", *map(str, elves)).stdout
    needed = set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic))
    bundled = {p.name for p in app.rglob("*")}
    system = sorted(needed - bundled)
    known = dict(re.findall(r"^\s+(\S+) \([^)]*\) => (\S+)$", tool("ldconfig", "-p").stdout, re.MULTILINE))
    fields = tool("dpkg-deb", "-f", str(deb), "Depends").stdout
    depends = {name.split()[0] for name in fields.split(", ")}
    unaccounted = []
    for soname in system:
        if soname not in known:
            unaccounted.append(f"{soname} (not on this machine)")
            continue
        owner = package_of(known[soname])
        if owner not in depends:
            unaccounted.append(f"{soname} from {owner or 'no package'}")
    assert not unaccounted, unaccounted


def package_of(library: str) -> str:
    """The package owning a library, through the merged-/usr links (dpkg knows /lib/… for libc6)."""
    real = os.path.realpath(library)
    for candidate in dict.fromkeys((library, real, real.replace("/usr/lib/", "/lib/", 1))):
        found = tool("dpkg", "-S", candidate)
        if found.returncode == 0:
            return found.stdout.split(":")[0]
    return ""


def test_the_unpacked_app_starts_paints_and_answers(unpacked, tmp_path):
    sys.path.insert(0, str(ROOT / "resources"))
    from smoke_test import smoke

    seen = smoke(unpacked / "usr/bin/goals-desktop", tmp_path)
    assert seen[0] == f"goals-desktop {__version__}"
    assert seen[1].startswith("window: first-paint")
