"""One scene laid out like a screenplay page, as an HTML fragment for st.markdown.

Pure: takes a Scene, returns a string, so it is tested without Streamlit.
Script text is data: every piece of it is escaped. The fragment has no blank
lines, because Markdown would end the HTML block at the first one and print
the rest as text.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from studio.models import LineKind, Scene, ScriptLine

# Industry margins on a 6-inch Courier 12 text column (60 characters): cue at
# 2.2", parenthetical at 1.6", dialogue at 1.0" and 3.5" wide. `ch` keeps those
# proportions in a monospace font whatever the zoom.
CSS = (
    "<style>"
    ".sb-page{background:#fff;color:#111;max-width:72ch;padding:1.2em 2ch 1.5em 0;"
    "border:1px solid #ddd;box-shadow:0 1px 4px rgba(0,0,0,.08);"
    "font-family:'Courier Prime','Courier New',Courier,'Liberation Mono',monospace;"
    "font-size:15px;line-height:1.35}"
    ".sb-row{display:grid;grid-template-columns:5ch 1fr;margin:0 0 .9em 0}"
    ".sb-row.sb-tight{margin-bottom:0}"
    ".sb-n{color:#b0b0b0;font-size:.75em;text-align:right;padding-right:1.5ch;user-select:none;line-height:1.8}"
    ".sb-t{max-width:60ch;white-space:normal}"
    ".sb-heading .sb-t{font-weight:bold;text-transform:uppercase}"
    ".sb-character .sb-t{margin-left:22ch}"
    ".sb-parenthetical .sb-t{margin-left:16ch;max-width:20ch}"
    ".sb-dialogue .sb-t{margin-left:10ch;max-width:35ch}"
    ".sb-transition .sb-t{text-align:right;text-transform:uppercase}"
    ".sb-centered .sb-t{text-align:center}"
    ".sb-lyric .sb-t{margin-left:10ch;font-style:italic}"
    ".sb-section .sb-t,.sb-synopsis .sb-t{color:#777;font-style:italic}"
    ".sb-page_break .sb-t{border-top:1px dashed #bbb;height:0}"
    ".sb-dual .sb-t{border-left:2px solid #d7d7ff;padding-left:1ch}"
    ".sb-mark{float:right;color:#777}"
    ".sb-omitted{font-weight:bold;letter-spacing:.1em}"
    "</style>"
)

# A speech is one block: no gap between a cue, its parentheticals and its dialogue.
_SPEECH = {LineKind.CHARACTER, LineKind.PARENTHETICAL, LineKind.DIALOGUE}


def text_html(value: str) -> str:
    # `$` would start inline LaTeX in Streamlit's Markdown; newlines become breaks.
    return html.escape(value, quote=True).replace("$", "&#36;").replace("\n", "<br>")


def _line(scene: Scene, line: ScriptLine, next_kind: LineKind | None, body_html: Callable[[ScriptLine], str]) -> str:
    classes = [f"sb-row sb-{line.kind.value}"]
    if line.kind in _SPEECH and next_kind in (LineKind.PARENTHETICAL, LineKind.DIALOGUE):
        classes.append("sb-tight")
    if line.dual:
        classes.append("sb-dual")
    body = body_html(line)
    if line.kind == LineKind.HEADING:
        mark = " *" if scene.revised else ""  # revision mark, as a revised draft prints it
        body = f"{text_html(scene.number)}&nbsp;&nbsp;{body}<span class='sb-mark'>{text_html(scene.number)}{mark}</span>"
    return f"<div class='{' '.join(classes)}'><div class='sb-n'>{line.n}</div><div class='sb-t'>{body}</div></div>"


def scene_html(scene: Scene, body_html: Callable[[ScriptLine], str] | None = None, extra_css: str = "") -> str:
    """The scene's lines with their numbers (ScriptLine.n) in a faint left margin.

    `body_html(line)` may replace a line's escaped text with marked-up text (the
    breakdown's highlights); it must escape the script text itself.
    """
    body_html = body_html or (lambda line: text_html(line.text))
    kinds = [line.kind for line in scene.lines] + [None]
    rows = "".join(_line(scene, line, kinds[i + 1], body_html) for i, line in enumerate(scene.lines))
    if scene.omitted:
        # A draft prints only "OMITTED"; the cut text stays readable, faded, because
        # the work attached to the scene is kept and someone will ask what it was.
        banner = (
            f"<div class='sb-row'><div class='sb-n'></div><div class='sb-t sb-omitted'>"
            f"{text_html(scene.number)}&nbsp;&nbsp;OMITTED</div></div>"
        )
        rows = banner + f"<div style='opacity:.45'>{rows}</div>"
    return CSS + extra_css + "<div class='sb-page'>" + rows + "</div>"
