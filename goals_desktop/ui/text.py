"""Text from people, models and files is shown as text: never interpreted as rich text/HTML."""

import html


def plain_tooltip(text: str | None) -> str:
    """Qt renders a tooltip as HTML when it merely looks like HTML; escape it so it never does."""
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"
