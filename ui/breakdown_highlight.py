"""A scene laid out like a screenplay, each element's evidence highlighted in its category colour.

Pure HTML (no Streamlit), so it is tested on its own. The evidence check
compares words only (case, punctuation and apostrophes aside); the quote is
found again in the raw lines with the same tolerance, so what is highlighted
is what the check verified (narrowed to the element's own words when the
quote contains them). Accepted elements are filled in their colour;
pending ones are tinted and underlined, so the page shows what is left to review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pipelines.breakdown.categories import CategorySet
from pipelines.breakdown.evidence import normalise
from studio.models import Category, Element, ReviewState, Scene, ScriptLine
from ui.screenplay_html import scene_html, text_html

CSS = (
    "<style>"
    ".bd-mark{border-radius:3px;padding:0 1px;box-decoration-break:clone;-webkit-box-decoration-break:clone}"
    ".bd-pending{border-bottom:2px dashed}"
    ".bd-legend{display:flex;flex-wrap:wrap;gap:.35em .5em;margin:.2em 0 .8em 0;font-size:.85em}"
    ".bd-chip{border-radius:3px;padding:.1em .5em;border:1px solid rgba(0,0,0,.15)}"
    "</style>"
)
_APOSTROPHE = "['\u2018\u2019\u201a\u201b\u2032\u02bc\uff07]?"


@dataclass(frozen=True)
class Span:
    line: int  # ScriptLine.n
    start: int
    end: int
    element: Element


def _pattern(evidence: str) -> re.Pattern[str] | None:
    words = normalise(evidence).split()
    if not words:
        return None
    # A word may carry an apostrophe anywhere ("didn't" normalises to "didnt");
    # words are apart by anything that is not a word character, line breaks included.
    word_patterns = [_APOSTROPHE.join(re.escape(ch) for ch in word) for word in words]
    return re.compile(r"(?<!\w)" + r"\W+".join(word_patterns) + r"(?!\w)", re.IGNORECASE)


def evidence_spans(scene: Scene, elements: Iterable[Element]) -> list[Span]:
    """Where each element's evidence sits in the scene's lines (a quote over two lines gives two spans)."""
    joined, starts = "", []
    for line in scene.lines:
        starts.append((len(joined), line))
        joined += line.text + "\n"
    spans = []
    for element in elements:
        pattern = _pattern(element.evidence)
        found = pattern.search(joined) if pattern else None
        if found is None:
            continue
        # Mark the element's own words when its quote contains them ("creels" in
        # "Lobster creels, drying nets"), as a highlighter pen would; else the whole quote.
        name = _pattern(element.name)
        inside = name.search(joined, found.start(), found.end()) if name else None
        at, to = (inside.start(), inside.end()) if inside else (found.start(), found.end())
        for offset, line in starts:
            start, end = max(at, offset), min(to, offset + len(line.text))
            if start < end:
                spans.append(Span(line=line.n, start=start - offset, end=end - offset, element=element))
    return spans


def highlighted_line(line: ScriptLine, spans: list[Span], categories: dict[str, Category]) -> str:
    """The line's text, escaped, with each highlighted run in a <mark> titled with its elements."""
    mine = [s for s in spans if s.line == line.n]
    if not mine:
        return text_html(line.text)
    cuts = sorted({0, len(line.text), *(s.start for s in mine), *(s.end for s in mine)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [s.element for s in mine if s.start <= a and b <= s.end]
        piece = text_html(line.text[a:b])
        if not covering:
            out.append(piece)
            continue
        # The first element in sheet order paints the run; the title names them all.
        covering.sort(key=lambda e: categories[e.category].order)
        first = categories[covering[0].category]
        title = "; ".join(f"{categories[e.category].name}: {e.name}" + ("" if e.approved else f" ({e.review.value})") for e in covering)
        pending = not all(e.approved for e in covering)
        style = (
            f"background:{first.colour}55;border-color:{first.colour};color:inherit"
            if pending
            else f"background:{first.colour};color:{first.text_colour}"
        )
        classes = "bd-mark bd-pending" if pending else "bd-mark"
        out.append(f"<mark class='{classes}' style='{style}' title='{text_html(title)}'>{piece}</mark>")
    return "".join(out)


def highlighted_scene_html(scene: Scene, elements: Iterable[Element], categories: CategorySet) -> str:
    """The scene page with visible categories' evidence marked; rejected elements are not marked."""
    visible = {c.key: c for c in categories.visible}
    shown = [e for e in elements if e.category in visible and e.review != ReviewState.REJECTED]
    spans = evidence_spans(scene, shown)
    return scene_html(scene, body_html=lambda line: highlighted_line(line, spans, visible), extra_css=CSS)


def _chip(category: Category, label: str) -> str:
    style = f"background:{category.colour};color:{category.text_colour}" + (";opacity:.45" if category.hidden else "")
    return f"<span class='bd-chip' style='{style}'>{text_html(label)}</span>"


def legend_html(categories: CategorySet, elements: Iterable[Element]) -> str:
    """A chip per visible category used in the scene, with its count, in sheet order."""
    counts: dict[str, int] = {}
    for e in elements:
        if e.review != ReviewState.REJECTED:
            counts[e.category] = counts.get(e.category, 0) + 1
    chips = [_chip(c, f"{c.name} {counts[c.key]}") for c in categories.visible if counts.get(c.key)]
    if not chips:
        return ""
    note = "<span style='opacity:.7'>solid: accepted · tinted and dashed: to review</span>"
    return CSS + "<div class='bd-legend'>" + "".join(chips) + note + "</div>"


def palette_html(categories: CategorySet) -> str:
    """Every category as a chip in its colours, hidden ones faded."""
    return CSS + "<div class='bd-legend'>" + "".join(_chip(c, c.name) for c in categories) + "</div>"
