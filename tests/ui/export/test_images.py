"""Images rendered from the real RoadmapScene: PNG at the expected size (1x, 2x, white or
transparent), SVG as valid XML holding every label as text, PDF fitted on one page."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QImage

from goals_desktop.domain import rules
from goals_desktop.domain.models import Goal
from goals_desktop.ui.canvas.items import NodeItem
from goals_desktop.ui.export_image import MARGIN, render_image
from tests.exchange.strategies import EXCHANGE_SETTINGS, HOSTILE_PIECES, as_label

SVG = "{http://www.w3.org/2000/svg}"


def goal_with(nodes, edges=(), title="Garden") -> Goal:
    roadmap = rules.roadmap_from_dict({"nodes": list(nodes), "edges": list(edges)})
    return Goal("goal_1", title, None, "2026-12-31T00:00:00Z", roadmap, rules.compute_progress(roadmap.nodes),
                "active", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")


def two_nodes(dx=400.0, labels=("Dig the beds", "Sow the seeds"), done=(True, False)):
    return goal_with(
        [
            {"id": "a", "label": labels[0], "completed": done[0], "position": {"x": 0, "y": 0}, "due_date": "2026-04-01"},
            {"id": "b", "label": labels[1], "completed": done[1], "position": {"x": dx, "y": 0}},
        ],
        [{"id": "e", "source": "a", "target": "b"}],
    )


def png(data: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(data, "PNG")
    return image


def test_png_has_the_size_of_the_roadmap_plus_margins_at_1x_and_2x(qapp):
    one = png(render_image(two_nodes(400), "png"))
    # Two node boxes 400 apart, side by side: the roadmap is 400 plus one box wide.
    assert one.width() == math.ceil(400 + NodeItem.BOUNDS.width() + 2 * MARGIN)
    wider = png(render_image(two_nodes(700), "png"))
    assert (wider.width() - one.width(), wider.height()) == (300, one.height())
    two = png(render_image(two_nodes(400), "png", scale=2))
    assert (two.width(), two.height()) == (2 * one.width(), 2 * one.height())


def test_a_roadmap_too_big_for_an_image_is_scaled_down_to_fit(qapp, monkeypatch):
    from goals_desktop.ui import export_image

    full = png(render_image(two_nodes(3000), "png", scale=2))
    monkeypatch.setattr(export_image, "MAX_PNG_SIDE", 1000)
    data = render_image(two_nodes(3000), "png", scale=2)
    fitted = png(data)
    assert export_image.png_size(data) == (fitted.width(), fitted.height())
    assert fitted.width() == 1000 and abs(fitted.height() / fitted.width() - full.height() / full.width()) < 0.01
    monkeypatch.setattr(export_image, "MAX_PNG_PIXELS", 20_000)
    tiny = png(render_image(two_nodes(3000), "png"))
    assert tiny.width() * tiny.height() <= 20_000


def test_png_background_white_or_transparent(qapp):
    white = png(render_image(two_nodes(), "png"))
    clear = png(render_image(two_nodes(), "png", transparent=True))
    assert white.pixelColor(1, 1).name() == "#ffffff" and white.pixelColor(1, 1).alpha() == 255
    assert clear.pixelColor(1, 1).alpha() == 0
    assert clear.hasAlphaChannel()
    # The milestones themselves are painted on both.
    centre = (int(MARGIN + NodeItem.BOUNDS.width() / 2), white.height() - int(MARGIN) - 45)
    assert clear.pixelColor(*centre).alpha() == 255


def test_png_shows_the_done_milestone_in_green(qapp):
    image = png(render_image(two_nodes(), "png"))
    colours = Counter(image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))
    greens = sum(n for c, n in colours.items() if int(c[3:5], 16) > int(c[1:3], 16) + 10 and int(c[3:5], 16) > int(c[5:7], 16) + 10)
    assert greens > 100


def svg_texts(data: bytes) -> tuple[ET.Element, list[str]]:
    root = ET.fromstring(data)
    return root, ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_svg_is_xml_with_every_label_title_and_due_date_as_text(qapp):
    goal = two_nodes(labels=("Dig <the> beds & rows", "Sow \"seeds\""))
    root, texts = svg_texts(render_image(goal, "svg"))
    assert root.find(f"{SVG}title").text == "Garden"
    joined = " ".join(texts)
    for expected in ("Garden", "Dig <the> beds & rows", 'Sow "seeds"', "due 2026-04-01", "Progress 50%"):
        assert expected in joined
    # The description lists every milestone in words as well.
    assert root.find(f"{SVG}desc").text.splitlines()[1:] == ["[x] Dig <the> beds & rows", '[ ] Sow "seeds"']


short_hostile = st.lists(st.sampled_from(HOSTILE_PIECES + ["a", "b", "1"]), min_size=1, max_size=2).map(
    lambda pieces: as_label("".join(pieces))
)
_FORMAT = re.compile(r"[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@settings(EXCHANGE_SETTINGS, max_examples=min(EXCHANGE_SETTINGS.max_examples, 25))
@given(labels=st.tuples(short_hostile, short_hostile))
def test_svg_stays_valid_xml_and_holds_hostile_labels(qapp, labels):
    goal = two_nodes(labels=labels)
    root, texts = svg_texts(render_image(goal, "svg"))
    desc = root.find(f"{SVG}desc").text
    drawn = Counter(_FORMAT.sub("", "".join(texts)))
    for label in labels:
        assert label in desc
        if drawn_whole(label):
            # Qt writes each run of one script and direction as its own <text>; every character is there.
            assert not Counter(_FORMAT.sub("", label)) - drawn, label


def drawn_whole(label: str) -> bool:
    """Whether the canvas draws the label without eliding it (wrapped as on screen)."""
    from goals_desktop.ui.canvas.items import NodeItem
    from goals_desktop.ui.canvas.labels import font_for as _font, metrics_for as _font_metrics, wrap_label

    lines = wrap_label(label, _font("label"), _font_metrics("label"), NodeItem.TEXT_WIDTH)
    return "…" not in "".join(lines)


def test_pdf_is_one_a4_page_with_the_roadmap_as_text(qapp, tmp_path):
    many = [{"id": f"n{i}", "label": f"Step number {i}", "position": {"x": 260 * (i % 12), "y": 150 * (i // 12)}}
            for i in range(60)]
    goal = goal_with(many, [{"id": f"e{i}", "source": f"n{i}", "target": f"n{i + 1}"} for i in range(59)], title="Wide")
    data = render_image(goal, "pdf")
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1
    # A4 landscape: the roadmap is wider than tall.
    box = [float(v) for v in re.search(rb"/MediaBox\s*\[([^\]]+)\]", data).group(1).split()]
    assert round(box[2]) == 842 and round(box[3]) == 595
    if shutil.which("pdftotext"):
        path = tmp_path / "wide.pdf"
        path.write_bytes(data)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        # Fitted to the page the canvas would drop its text (zoomed out); the export keeps it.
        assert all(f"Step number {i}" in text for i in range(60))


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_goal_without_roadmap_still_renders(qapp, fmt):
    goal = Goal("goal_1", "Empty", None, None, None, 0, "active", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")
    assert len(render_image(goal, fmt)) > 100
