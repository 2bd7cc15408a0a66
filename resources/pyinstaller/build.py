"""Build the double-click app: dist/goals-desktop/ (one-dir) and an archive of it, and the installers.

    python resources/pyinstaller/build.py [--dist DIR] [--work DIR] [--deb] [--setup] [--dmg]

--deb    Debian/Ubuntu: DIST/goals-desktop_VERSION_ARCH.deb (needs dpkg-deb; resources/linux/deb.py)
--setup  Windows: DIST/goals-desktop-VERSION-setup.exe (needs Inno Setup 6's iscc on PATH)
--dmg    macOS: DIST/goals-desktop-VERSION-macos-ARCH.dmg (hdiutil; signs and notarizes when
         the secrets are set, see resources/macos/make_dmg.sh)
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SPEC = Path(__file__).resolve().parent / "goals-desktop.spec"
RESOURCES = ROOT / "resources"
sys.path.insert(0, str(ROOT))
from goals_desktop import APP_NAME, __version__  # noqa: E402  (the one version)


def build(dist: Path, work: Path) -> tuple[Path, Path]:
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work)],
        check=True,
        cwd=ROOT,
    )
    app = dist / "goals-desktop"
    return app, archive(app, dist)


def archive(app: Path, dist: Path) -> Path:
    """The portable archive: a .zip on Windows (Explorer opens it), a .tar.gz elsewhere (keeps modes)."""
    stem = f"goals-desktop-{__version__}-{platform.system().lower()}-{platform.machine().lower()}"
    if sys.platform == "win32":
        target = dist / f"{stem}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zipped:
            for path in sorted(app.rglob("*")):
                zipped.write(path, Path("goals-desktop") / path.relative_to(app))
        return target
    target = dist / f"{stem}.tar.gz"
    # gzip's own default level: tarfile's 9 took three times as long (~23 s of CPU) for a 1 % smaller file.
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(app, arcname="goals-desktop")
    return target


def deb(app: Path, dist: Path) -> Path:
    sys.path.insert(0, str(RESOURCES / "linux"))
    import deb as debian

    try:
        return debian.build_deb(app, dist)
    except debian.PackagingError as error:
        raise SystemExit(f"build.py --deb: {error}") from None


def setup_exe(app: Path, dist: Path) -> Path:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        raise SystemExit("build.py --setup: Inno Setup's iscc is not on PATH (choco install innosetup)")
    subprocess.run([iscc, "/Q", f"/DAppVersion={__version__}", f"/DAppDir={app}", f"/DOutputDir={dist}",
                    str(RESOURCES / "windows" / "goals-desktop.iss")], check=True)
    return dist / f"goals-desktop-{__version__}-setup.exe"


def dmg(dist: Path) -> Path:
    bundle = dist / f"{APP_NAME}.app"
    target = dist / f"goals-desktop-{__version__}-macos-{platform.machine().lower()}.dmg"
    subprocess.run(["bash", str(RESOURCES / "macos" / "make_dmg.sh"), str(bundle), str(target)], check=True)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--deb", action="store_true", help="also build the Debian package (Linux)")
    parser.add_argument("--setup", action="store_true", help="also build the setup program (Windows)")
    parser.add_argument("--dmg", action="store_true", help="also build the disk image (macOS)")
    args = parser.parse_args()
    for wanted, tool, hint in ((args.deb, "dpkg-deb", "a .deb is built on Debian or Ubuntu"),
                               (args.dmg, "hdiutil", "a .dmg is built on macOS")):
        if wanted and shutil.which(tool) is None:  # before minutes of PyInstaller, not after
            raise SystemExit(f"build.py: {tool} is missing; {hint}")
    app, portable = build(args.dist, args.work)
    built = [app, portable]
    if args.deb:
        built.append(deb(app, args.dist))
    if args.setup:
        built.append(setup_exe(app, args.dist))
    if args.dmg:
        built.append(dmg(args.dist))
    print("Built " + ", ".join(str(path) for path in built))


if __name__ == "__main__":
    main()
