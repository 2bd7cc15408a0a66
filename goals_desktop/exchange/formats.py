"""The export formats: names used by --format, file name extensions, and labels for file dialogs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    label: str
    extensions: tuple[str, ...]
    image: bool = False


EXPORT_FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", "Goals JSON, with todos", (".json",)),
        Format("png", "PNG image", (".png",), image=True),
        Format("svg", "SVG image", (".svg",), image=True),
        Format("pdf", "PDF document", (".pdf",), image=True),
        Format("md", "Markdown", (".md", ".markdown")),
        Format("mermaid", "Mermaid flowchart", (".mmd", ".mermaid")),
        Format("canvas", "JSON Canvas (Obsidian)", (".canvas",)),
        Format("ics", "iCalendar", (".ics",)),
        Format("opml", "OPML outline", (".opml",)),
    )
}
TEXT_FORMATS = tuple(name for name, f in EXPORT_FORMATS.items() if not f.image)
IMAGE_FORMATS = tuple(name for name, f in EXPORT_FORMATS.items() if f.image)


def format_for_path(path: str | PurePath) -> str | None:
    """The format a file name's extension names (plan.ics -> "ics"), or None."""
    suffix = PurePath(path).suffix.lower()
    return next((f.name for f in EXPORT_FORMATS.values() if suffix in f.extensions), None)
