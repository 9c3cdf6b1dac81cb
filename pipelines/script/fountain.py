"""Fountain 1.1 reader (https://fountain.io/syntax), also used for plain text.

The file is read in three passes: comments (boneyard, notes) are cut out of
the raw text, the title page is taken off the top, and the rest is split into
paragraphs at blank lines. Fountain decides an element by its paragraph (a
cue is an upper-case line with no blank line after it; a transition stands
alone), so classifying whole paragraphs is simpler than a line state machine.
"""

from __future__ import annotations

import re

from studio.models import LineKind
from pipelines.script.blocks import Block, ParsedScreenplay
from pipelines.script.headings import SCENE_NUMBER, heading_prefix

# Stands where a comment was cut out, so a line that held only a comment can
# be dropped whole and a cue stays attached to its dialogue.
_CUT = "\ue000"
_ESCAPES = {"\\\\": "\ue001", "\\*": "\ue002", "\\_": "\ue003"}
_UNESCAPE = {"\ue001": "\\", "\ue002": "*", "\ue003": "_"}

# Emphasis markers touch their text on one side; a lone "*" between spaces
# or an underscore inside a word (snake_case, e-mail names) is text.
_STARS = re.compile(r"\*{1,3}(?=\S)|(?<=\S)\*{1,3}")
_UNDERSCORE = re.compile(r"(?<![\w_])_(?!_)|(?<!_)_(?![\w_])")

_PAGE_BREAK = re.compile(r"^={3,}$")
_HELD_BLANK = re.compile(r"^ {2,}$")  # "two spaces" keeps a blank line inside dialogue
_TITLE_KEY = re.compile(r"^([^\W\d_][\w \-]*?)\s*:(.*)$")
_KNOWN_KEYS = {
    k.lower(): k
    for k in (
        "Title", "Credit", "Author", "Authors", "Source", "Draft date", "Date",
        "Contact", "Notes", "Copyright", "Revision", "Series", "Episode",
    )
}


def parse_fountain(text: str, format: str = "fountain") -> ParsedScreenplay:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    parsed = ParsedScreenplay(format=format)
    text = _cut_comments(text, "/*", "*/", parsed, "boneyard")
    text = _cut_comments(text, "[[", "]]", parsed, "note")
    lines = _drop_cut_lines(text.split("\n"))
    parsed.title_page, body_start = _title_page(lines)
    for paragraph in _paragraphs(lines[body_start:]):
        _read_paragraph(paragraph, parsed.blocks)
    return parsed


def parse_plain_text(text: str) -> ParsedScreenplay:
    """A .txt screenplay is read with the Fountain rules, which were made to
    match how people already type scripts in plain text."""
    return parse_fountain(text, format="text")


def _cut_comments(text: str, opening: str, closing: str, parsed: ParsedScreenplay, what: str) -> str:
    """Remove nested `opening ... closing` spans. An unclosed one is kept as
    text: losing the rest of a script to a stray "/*" is worse than showing it."""
    if opening not in text:
        return text
    tokens = re.compile(f"{re.escape(opening)}|{re.escape(closing)}")
    out: list[str] = []
    depth, start = 0, 0
    for m in tokens.finditer(text):
        if m.group() == opening:
            if depth == 0:
                out.append(text[start : m.start()])
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                out.append(_CUT)
                start = m.end()
    if depth:
        parsed.warnings.append(f"An unclosed {what} ({opening}) was kept as text.")
    out.append(text[start:])
    return "".join(out)


def _drop_cut_lines(lines: list[str]) -> list[str]:
    kept = []
    for line in lines:
        if _CUT in line:
            line = line.replace(_CUT, "")
            if not line.strip():
                continue
        kept.append(line)
    return kept


def _title_page(lines: list[str]) -> tuple[dict[str, str], int]:
    """Read `Key: value` lines (values may continue on indented lines) up to
    the first blank line. Returns the fields and the index where the body starts."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    fields: dict[str, list[str]] = {}
    key = None
    while i < len(lines) and lines[i].strip():
        line = lines[i]
        m = _TITLE_KEY.match(line)
        if line[:1].isspace() and key is not None:
            fields[key].append(line.strip())
        elif m:
            key = _KNOWN_KEYS.get(m.group(1).strip().lower(), m.group(1).strip())
            fields[key] = [m.group(2).strip()] if m.group(2).strip() else []
        else:
            return {}, 0
        i += 1
    # "FADE IN:" alone looks like a key; a real title page names a known field.
    if not any(k.lower() in _KNOWN_KEYS for k in fields):
        return {}, 0
    return {k: "\n".join(plain(v) for v in values) for k, values in fields.items()}, i


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if _HELD_BLANK.match(line) and current:
            current.append("")
        elif not line.strip():
            if current:
                paragraphs.append(current)
            current = []
        else:
            current.append(line.strip())
    if current:
        paragraphs.append(current)
    return paragraphs


def _read_paragraph(lines: list[str], out: list[Block]) -> None:
    """Classify one paragraph. Single-line elements (headings, sections,
    page breaks...) are taken off the front and the rest is read again."""
    while lines:
        s = lines[0]
        if not s:
            lines = lines[1:]
        elif s.startswith("!"):
            out.append(Block(LineKind.ACTION, _join([s[1:], *lines[1:]])))
            return
        elif _PAGE_BREAK.match(s):
            out.append(Block(LineKind.PAGE_BREAK, ""))
            lines = lines[1:]
        elif s.startswith("#"):
            out.append(Block(LineKind.SECTION, plain(s.lstrip("#").rstrip("#"))))
            lines = lines[1:]
        elif s.startswith("="):
            out.append(Block(LineKind.SYNOPSIS, plain(s[1:])))
            lines = lines[1:]
        elif _is_heading(s):
            out.append(_heading(s))
            lines = lines[1:]
        elif s.startswith("~"):
            n = _run(lines, lambda t: t.startswith("~"))
            out.append(Block(LineKind.LYRIC, _join(t[1:] for t in lines[:n])))
            lines = lines[n:]
        elif _is_centered(s):
            n = _run(lines, _is_centered)
            out.append(Block(LineKind.CENTERED, _join(t[1:-1] for t in lines[:n])))
            lines = lines[n:]
        elif s.startswith(">"):
            out.append(Block(LineKind.TRANSITION, plain(s[1:])))
            lines = lines[1:]
        elif len(lines) == 1 and _is_transition(s):
            out.append(Block(LineKind.TRANSITION, plain(s)))
            return
        elif len(lines) > 1 and _is_cue(s):
            _read_speech(lines, out)
            return
        else:
            out.append(Block(LineKind.ACTION, _join(lines)))
            return


def _read_speech(lines: list[str], out: list[Block]) -> None:
    cue = lines[0]
    dual = cue.endswith("^")
    cue = cue.rstrip("^").strip()
    if cue.startswith("@"):
        cue = cue[1:]
    if dual:
        _mark_previous_speech_dual(out)
    out.append(Block(LineKind.CHARACTER, plain(cue), dual=dual))
    rest = lines[1:]
    while rest:
        s = rest[0]
        if s.startswith("(") and (end := _paren_end(rest)) is not None:
            out.append(Block(LineKind.PARENTHETICAL, _join(rest[: end + 1]), dual=dual))
            rest = rest[end + 1 :]
        elif s.startswith("~"):
            n = _run(rest, lambda t: t.startswith("~"))
            out.append(Block(LineKind.LYRIC, _join(t[1:] for t in rest[:n]), dual=dual))
            rest = rest[n:]
        else:
            n = 1
            while n < len(rest) and not rest[n].startswith("~") and not (
                rest[n].startswith("(") and _paren_end(rest[n:]) is not None
            ):
                n += 1
            out.append(Block(LineKind.DIALOGUE, _join(rest[:n]).strip("\n"), dual=dual))
            rest = rest[n:]


def _paren_end(lines: list[str]) -> int | None:
    """Index of the line that closes a parenthetical opened on lines[0]; a
    line such as "(beat) I know." is dialogue, not a parenthetical."""
    for i, line in enumerate(lines):
        if line.endswith(")"):
            return i
        if ")" in line or (i and line.startswith("(")):
            return None
    return None


def _mark_previous_speech_dual(out: list[Block]) -> None:
    # Fountain marks only the second speaker with "^"; the speech just before is its partner.
    speech = []
    for block in reversed(out):
        speech.append(block)
        if block.kind == LineKind.CHARACTER:
            for b in speech:
                b.dual = True
            return
        if block.kind not in (LineKind.PARENTHETICAL, LineKind.DIALOGUE, LineKind.LYRIC):
            return


def _heading(s: str) -> Block:
    number = None
    m = SCENE_NUMBER.search(s)
    if m:
        number, s = m.group(1), s[: m.start()]
    if s.startswith("."):
        s = s[1:]
    return Block(LineKind.HEADING, " ".join(plain(s).split()), scene_number=number)


def _is_heading(s: str) -> bool:
    if s.startswith(".") and not s.startswith(".."):
        return len(s) > 1
    return heading_prefix(s) is not None


def _is_centered(s: str) -> bool:
    return s.startswith(">") and s.endswith("<") and len(s) > 1


def _is_transition(s: str) -> bool:
    return s.endswith("TO:") and _is_upper(s)


def _is_cue(s: str) -> bool:
    s = s.rstrip("^").strip()
    if s.startswith("@"):
        return len(s) > 1
    # Extensions such as "(cont'd)" may be lower case; the name may not.
    return _is_upper(re.sub(r"\(.*?\)", "", s))


def _is_upper(s: str) -> bool:
    s = plain(s)
    return any(c.isalpha() for c in s) and not any(c.islower() for c in s)


def _run(lines: list[str], test) -> int:
    n = 0
    while n < len(lines) and test(lines[n]):
        n += 1
    return n


def _join(lines) -> str:
    return "\n".join(plain(line) for line in lines)


def plain(text: str) -> str:
    """Text without emphasis markers; backslash escapes become the literal character."""
    for escape, placeholder in _ESCAPES.items():
        text = text.replace(escape, placeholder)
    text = _UNDERSCORE.sub("", _STARS.sub("", text))
    for placeholder, char in _UNESCAPE.items():
        text = text.replace(placeholder, char)
    return text.strip()
