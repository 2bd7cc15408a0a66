"""Hypothesis strategies for hostile and odd input."""

from __future__ import annotations

from hypothesis import strategies as st

# Pieces chosen to hurt: bidi controls and RTL scripts, emoji sequences, combining marks, NUL and
# other C0/C1 controls, lone surrogates, line/paragraph separators, BOM, noncharacters, SQL LIKE
# wildcards and quotes, markup, terminal escapes.
NASTY = [
    "\u202e", "\u202d", "\u200f", "\u2066", "\u2069", "مرحبا بالعالم", "שלום", "ܐܒܓ",
    "👩‍👩‍👧‍👦", "🏳️‍🌈", "🇺🇳", "👍🏽", "e\u0301", "Z̴̡̢͓̝͔͑̈́a̶l̸g̷o̵", "\u0300",
    "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\x9b", "\ud800", "\udfff", "\ud83d",
    "\n", "\r\n", "\t", "\u2028", "\u2029", "\ufeff", "\uffff", "\U0010ffff", "\u00a0",
    "%", "_", "\\", "'", '"', "';--", "<b>bold</b>", "<img src=x onerror=alert(1)>", "&amp;",
    "${HOME}", "../../etc/passwd", "C:\\Windows", " ", "ǅ", "ß", "İ", "ﬀ", "ℌ",
]

nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), max_size=12).map("".join)
any_text = st.one_of(nasty_text, st.text(max_size=40), st.text(st.characters(codec="utf-8"), max_size=20))

big_text = st.builds(
    lambda piece, size: (piece * (size // max(len(piece), 1) + 1))[:size],
    st.sampled_from(["a", "é", "😀", "مرحبا ", "line\n", "e\u0301"]),
    st.sampled_from([99_999, 100_000, 100_001, 1_000_000]),
)

odd_dates = st.one_of(
    st.none(),
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat()),
    st.builds(
        lambda d, sign, h, m: f"{d.isoformat()}{sign}{h:02d}:{m:02d}",
        st.datetimes(),
        st.sampled_from("+-"),
        st.integers(0, 23),
        st.integers(0, 59),
    ),
    st.sampled_from(
        [
            "0000-01-01", "0001-01-01", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
            "9999-12-31", "10000-01-01", "2026-02-30", "2026-13-01", "2026-12-31T24:00:00Z",
            "2026-12-31Z", "31/12/2026", "tomorrow", "", "   ", "2026-W01", "2026-001", "+2026-01-01",
        ]
    ),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
)

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), any_text),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
