"""The scene reader's HTML: screenplay layout, line numbers, and script text kept as text."""

from __future__ import annotations

import re

from studio.models import LineKind, Scene, ScriptLine
from ui.screenplay_html import scene_html


def _scene(**extra) -> Scene:
    kinds = [
        (LineKind.HEADING, "INT. LAB - NIGHT"),
        (LineKind.ACTION, "Ana types <script>alert('x')</script> & waits. It costs $5."),
        (LineKind.CHARACTER, "ANA"),
        (LineKind.PARENTHETICAL, "(quietly)"),
        (LineKind.DIALOGUE, "First line\nsecond line"),
        (LineKind.TRANSITION, "CUT TO:"),
    ]
    lines = [ScriptLine(n=i + 1, kind=k, text=t, character="ANA" if k != LineKind.ACTION else None) for i, (k, t) in enumerate(kinds)]
    return Scene(number="12A", heading="INT. LAB - NIGHT", lines=lines, **extra)


def test_every_line_has_its_kind_and_number():
    page = scene_html(_scene())
    for n, kind in enumerate(["heading", "action", "character", "parenthetical", "dialogue", "transition"], start=1):
        assert re.search(rf"<div class='sb-row sb-{kind}[^']*'><div class='sb-n'>{n}</div>", page), kind


def test_a_speech_is_one_block():
    page = scene_html(_scene())
    assert "sb-character sb-tight" in page and "sb-parenthetical sb-tight" in page
    assert "sb-action sb-tight" not in page


def test_script_text_is_escaped_and_inert():
    page = scene_html(_scene())
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; waits" in page
    assert "$" not in page.replace("&#36;", "")  # Streamlit Markdown reads $...$ as maths
    assert "First line<br>second line" in page


def test_no_blank_line_ends_the_html_block():
    assert "\n\n" not in scene_html(_scene())


def test_heading_carries_the_scene_number_and_revision_mark():
    page = scene_html(_scene(revised=True))
    assert "12A&nbsp;&nbsp;INT. LAB - NIGHT" in page
    assert "<span class='sb-mark'>12A *</span>" in page


def test_an_omitted_scene_says_so():
    page = scene_html(_scene(omitted=True))
    assert "12A&nbsp;&nbsp;OMITTED" in page
