"""Can the window open here? Checked on Linux before Qt starts, because Qt cannot say it kindly.

Without a display, or with one of the X libraries its xcb plugin links against missing (a fresh
Debian/Ubuntu desktop often lacks libxcb-cursor0), Qt prints "Could not load the Qt platform plugin
xcb" and aborts the process with a core dump. Here the same conditions become one sentence naming
what is missing and the package to install. No Qt import: this must work where Qt cannot.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping

# What Qt's xcb platform plugin (libqxcb.so and libQt6XcbQpa.so.6) links against, beyond Qt itself
# and the libraries QtGui already needed to be imported: shared object name -> Debian/Ubuntu package.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}

# Qt platforms that draw without a display server (tests, VNC, framebuffers): nothing to check.
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"})
CLI_HINT = "the command line still works (goals-desktop --help)"


def check_display(
    environ: Mapping[str, str] | None = None,
    libraries: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> str | None:
    """One sentence saying why the window cannot open here, or None if Qt should manage.

    `libraries` (shared object name -> package) defaults to what the xcb plugin needs; tests pass
    a name that does not exist to see the sentence without removing anything from the system.
    """
    environ = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return None
    qpa = _requested_platform(environ)
    if qpa in HEADLESS_PLATFORMS:
        return None
    display, wayland = environ.get("DISPLAY", "").strip(), environ.get("WAYLAND_DISPLAY", "").strip()
    if not display and not wayland:
        return f"the window cannot open because no display was found (neither DISPLAY nor WAYLAND_DISPLAY is set); {CLI_HINT}."
    if not _uses_xcb(qpa, environ, display, wayland):
        return None
    if not display:
        return f"the window cannot open because QT_QPA_PLATFORM asks for X11 but DISPLAY is not set; {CLI_HINT}."
    missing = missing_libraries(XCB_LIBRARIES if libraries is None else libraries)
    if missing:
        names = ", ".join(name for name, _ in missing)
        packages = " ".join(dict.fromkeys(package for _, package in missing))
        verb = "is" if len(missing) == 1 else "are"
        return (
            f"the window cannot open because the X11 {'library' if len(missing) == 1 else 'libraries'} "
            f"{names} {verb} missing (on Debian/Ubuntu: sudo apt install {packages}); {CLI_HINT}."
        )
    if not _x_display_reachable(display):
        return (
            f"the window cannot open because the X display {display} cannot be reached "
            f"(is its X server running, and may this user use it?); {CLI_HINT}."
        )
    return None


def missing_libraries(libraries: Mapping[str, str]) -> list[tuple[str, str]]:
    """(name, package) of each library the dynamic loader cannot load, searching as Qt would."""
    missing = []
    for name, package in libraries.items():
        try:
            ctypes.CDLL(name)
        except OSError:
            missing.append((name, package))
    return missing


def _requested_platform(environ: Mapping[str, str]) -> str:
    # QT_QPA_PLATFORM is "name[:options]", or a ";"-separated list of fallbacks tried in order.
    first = environ.get("QT_QPA_PLATFORM", "").split(";")[0]
    return first.split(":")[0].strip().lower()


def _uses_xcb(qpa: str, environ: Mapping[str, str], display: str, wayland: str) -> bool:
    if qpa:
        return qpa == "xcb"
    # Qt 6's own default: Wayland in a Wayland session that has a compositor, X11 otherwise.
    session_is_wayland = environ.get("XDG_SESSION_TYPE", "").lower() == "wayland"
    return bool(display) and not (wayland and session_is_wayland)


def _x_display_reachable(display: str) -> bool:
    """Connect the way Qt will (libxcb, with the same authority file), then disconnect."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
        xcb.xcb_connect.restype = ctypes.c_void_p
        xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
        xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
        xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    except (OSError, AttributeError):
        return True  # cannot tell; let Qt try
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return connection is not None and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection is not None:
            xcb.xcb_disconnect(connection)
