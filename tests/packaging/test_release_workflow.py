"""The release workflow (it runs only on GitHub's runners) checked here with actionlint, and what
the Windows and macOS builds stamp with the version, checked without those systems."""

import ast
import plistlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

from goals_desktop import APP_NAME, __version__

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
sys.path.insert(0, str(ROOT / "resources" / "pyinstaller"))
import platform_info  # noqa: E402


def actionlint() -> str:
    # Installed by the test extra into the same environment as this Python.
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert found, "actionlint is missing: pip install -e '.[test]'"
    return found


def test_actionlint_passes_on_the_workflows():
    workflows = sorted(WORKFLOWS.glob("*.yml"))
    assert WORKFLOWS / "release.yml" in workflows
    # With shellcheck on PATH (.ci/run installs it) actionlint also checks every `run:` script.
    checked = subprocess.run([actionlint(), "-no-color", *map(str, workflows)], capture_output=True, text=True,
                             timeout=120, cwd=ROOT)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_actionlint_can_fail(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ matrix.nowhere }}\n")
    assert subprocess.run([actionlint(), "-no-color", str(broken)], capture_output=True, timeout=120).returncode != 0


def test_release_builds_each_installer_on_its_system_and_attaches_them():
    text = (WORKFLOWS / "release.yml").read_text()
    assert re.search(r"os: \[ubuntu-latest, windows-latest, macos-latest\]", text)
    for flag in ("--deb", "--setup", "--dmg"):
        assert flag in text
    for artefact in ("dist/*.deb", "dist/*-setup.exe", "dist/*.dmg", "dist/*.tar.gz", "dist/*.zip"):
        assert artefact in text
    assert "python resources/smoke_test.py" in text
    assert "tags: [\"v*\"]" in text


def test_one_version_in_the_macos_info_plist():
    plist = plistlib.loads(plistlib.dumps(platform_info.info_plist(APP_NAME, __version__)))
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == __version__
    assert plist["NSHighResolutionCapable"] is True
    assert re.fullmatch(r"\d+\.\d+", plist["LSMinimumSystemVersion"])


def test_one_version_in_the_windows_version_resource():
    text = platform_info.windows_version_file(APP_NAME, __version__)
    tree = ast.parse(text, mode="eval")  # PyInstaller evaluates this text on Windows
    calls = {node.func.id: node for node in ast.walk(tree) if isinstance(node, ast.Call)}
    assert {"VSVersionInfo", "FixedFileInfo", "StringTable", "StringStruct", "VarStruct"} <= set(calls)
    fixed = {k.arg: ast.literal_eval(k.value) for k in calls["FixedFileInfo"].keywords if k.arg in ("filevers", "prodvers")}
    assert fixed == {"filevers": platform_info.version_numbers(__version__), "prodvers": platform_info.version_numbers(__version__)}
    strings = {ast.literal_eval(node.args[0]): ast.literal_eval(node.args[1]) for node in ast.walk(tree)
               if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "StringStruct"}
    assert strings["ProductVersion"] == strings["FileVersion"] == __version__
    assert platform_info.version_numbers("1.2") == (1, 2, 0, 0)


def test_the_setup_script_takes_the_version_it_is_given():
    script = (ROOT / "resources" / "windows" / "goals-desktop.iss").read_text()
    assert "AppVersion={#AppVersion}" in script and "PrivilegesRequired=lowest" in script
    build = (ROOT / "resources" / "pyinstaller" / "build.py").read_text()
    assert '/DAppVersion={__version__}' in build
