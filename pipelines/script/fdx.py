"""Final Draft (.fdx) reader.

An FDX file is XML whose script lives in the top-level `<FinalDraft><Content>`.
Everything else in the file (title page, headers, element styles, SmartType
lists, script notes, scene properties) is metadata and must not leak into the
scene text, so the reader walks only that one element and, inside each
paragraph, only its own `<Text>` runs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from pipelines.script.blocks import Block, ParsedScreenplay
from studio.errors import ImportProblem
from studio.models import LineKind

_KINDS = {
    "scene heading": LineKind.HEADING,
    "action": LineKind.ACTION,
    "general": LineKind.ACTION,
    # A shot ("ANGLE ON THE DOOR") is camera direction inside a scene, not a new
    # scene: Final Draft never numbers it, so it reads as action here.
    "shot": LineKind.ACTION,
    "cast list": LineKind.ACTION,
    "character": LineKind.CHARACTER,
    "dialogue": LineKind.DIALOGUE,
    "parenthetical": LineKind.PARENTHETICAL,
    "transition": LineKind.TRANSITION,
    "lyrics": LineKind.LYRIC,
    "lyric": LineKind.LYRIC,
    # TV templates mark act structure with their own elements; like Fountain
    # sections they organise the script and are not printed as scene text.
    "new act": LineKind.SECTION,
    "end of act": LineKind.SECTION,
    "act break": LineKind.SECTION,
    "teaser": LineKind.SECTION,
}

_BAD_XML_HINT = "Save the script again from Final Draft (File > Save As > Final Draft Document) and import that copy."


def parse_fdx(data: bytes) -> ParsedScreenplay:
    root = _parse_xml(data)
    if _local(root.tag) != "FinalDraft":
        raise ImportProblem(
            f"This XML file is not a Final Draft script (its top element is <{_local(root.tag)}>).",
            "Export the screenplay from your writing app as Final Draft (.fdx), Fountain or PDF.",
        )
    parsed = ParsedScreenplay(format="fdx")
    content = _child(root, "Content")
    if content is not None:
        unknown: set[str] = set()
        for paragraph in _children(content, "Paragraph"):
            parsed.blocks.extend(_paragraph_blocks(paragraph, dual=False, unknown=unknown))
        if unknown:
            parsed.warnings.append(
                "Read these Final Draft paragraph types as action: " + ", ".join(sorted(unknown)) + "."
            )
    title_page = _child(root, "TitlePage")
    if title_page is not None:
        parsed.title_page = _title_page_fields(title_page)
    return parsed


def _parse_xml(data: bytes) -> ET.Element:
    try:
        # forbid_dtd: a screenplay never needs a DTD, and refusing it outright
        # also refuses every entity trick (billion laughs, external files).
        return SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ImportProblem(
            "This Final Draft file declares a DTD or XML entities, which screenplay files never need; "
            "it was refused for safety.",
            "Open it in Final Draft and save it again, or export it as Fountain or PDF.",
        ) from exc
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise ImportProblem(
            f"This Final Draft file is damaged: its XML breaks at line {line}, column {column + 1}.",
            _BAD_XML_HINT,
        ) from exc


def _paragraph_blocks(paragraph: ET.Element, *, dual: bool, unknown: set[str]) -> list[Block]:
    # Dual dialogue comes wrapped in a paragraph (usually untyped) whose
    # <DualDialogue> holds the two speeches as ordinary paragraphs.
    dual_groups = _children(paragraph, "DualDialogue")
    if dual_groups:
        return [
            block
            for group in dual_groups
            for inner in _children(group, "Paragraph")
            for block in _paragraph_blocks(inner, dual=True, unknown=unknown)
        ]
    text = _paragraph_text(paragraph)
    if not text:
        return []
    kind = _kind(paragraph, unknown)
    number = (paragraph.get("Number") or "").strip() or None
    return [Block(kind=kind, text=text, scene_number=number if kind is LineKind.HEADING else None, dual=dual)]


def _kind(paragraph: ET.Element, unknown: set[str]) -> LineKind:
    type_name = (paragraph.get("Type") or "Action").strip()
    kind = _KINDS.get(type_name.lower())
    if kind is None:
        unknown.add(type_name)
        kind = LineKind.ACTION
    if kind is LineKind.ACTION and (paragraph.get("Alignment") or "").lower() == "center":
        return LineKind.CENTERED
    return kind


def _paragraph_text(paragraph: ET.Element) -> str:
    # Only the paragraph's own runs: a <ScriptNote> nested inside carries its
    # own paragraphs, and <SceneProperties> its own beats, neither printed.
    raw = "".join("".join(run.itertext()) for run in _children(paragraph, "Text"))
    lines = [line.rstrip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()


def _title_page_fields(title_page: ET.Element) -> dict[str, str]:
    """Best effort: FDX title pages are free-form paragraphs, not fields.

    The first line is taken as the title, a "written by" line as the credit
    and the line after it as the author; anything with a copyright sign or
    word as the copyright line.
    """
    content = _child(title_page, "Content")
    if content is None:
        return {}
    lines = [t for t in (_paragraph_text(p) for p in _children(content, "Paragraph")) if t]
    if not lines:
        return {}
    fields = {"Title": lines[0]}
    for k, line in enumerate(lines[1:], start=1):
        low = line.lower()
        if low in {"by", "written by", "screenplay by", "story by", "teleplay by"} and k + 1 < len(lines):
            fields.setdefault("Credit", line)
            fields.setdefault("Author", lines[k + 1])
        elif "copyright" in low or "©" in line or "(c)" in low:
            fields.setdefault("Copyright", line)
    return fields


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    found = _children(element, name)
    return found[0] if found else None
