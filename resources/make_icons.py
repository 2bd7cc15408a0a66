"""Render goals_desktop/resources/goals-desktop.svg (the one source) to the PNG sizes that desktops,
launchers and PyInstaller want, and to the Windows .ico and macOS .icns the installers use:

    python resources/make_icons.py
"""

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256)
FOLDER = Path(__file__).resolve().parent.parent / "goals_desktop" / "resources"
# Packaging-only icons live beside the installer scripts, not in the package (the app never loads them).
ICO = Path(__file__).resolve().parent / "windows" / "goals-desktop.ico"
ICNS = Path(__file__).resolve().parent / "macos" / "goals-desktop.icns"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's PNG-carrying icon types by pixel size (Retina variants share the same pixels).
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256), (b"ic09", 512),
              (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512))


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico whose entries are PNGs (Windows Vista and later read them; Qt's writer stores one size)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset, entries, blobs = 6 + 16 * len(pngs), b"", b""
    for size, data in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        blobs += data
    return header + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(FOLDER / "goals-desktop.svg"))
    pngs = {size: png_bytes(render(renderer, size)) for size in sorted({*SIZES, *ICO_SIZES, *(s for _, s in ICNS_TYPES)})}
    for size in SIZES:
        (FOLDER / f"goals-desktop-{size}.png").write_bytes(pngs[size])
    ICO.parent.mkdir(exist_ok=True)
    ICO.write_bytes(ico({size: pngs[size] for size in ICO_SIZES}))
    ICNS.parent.mkdir(exist_ok=True)
    ICNS.write_bytes(icns(pngs))
    del app


if __name__ == "__main__":
    main()
