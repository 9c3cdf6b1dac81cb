"""Plausible Claude answers to breakdown and review requests, read from the request itself.

The local Messages server calls `answer_breakdown(body)` for each request: it
finds the scene asked about inside the fenced script of the system prompt and
tags what a careful reader would (speaking cast from the cues, props from
"a/an/the <noun>" in action, extras from counted plural crowds), quoting the
scene's own words. Answers are deterministic, so tests and the benchmark can
count on them; they are not a breakdown engine, only a stand-in for a model.
"""

from __future__ import annotations

import re
from typing import Any

_ASKED = re.compile(r'answer with scene "([^"]+)"', re.IGNORECASE)
_SCENE = re.compile(r'<scene number="([^"]+)">\n(.*?)\n</scene>', re.DOTALL)
_CUE = re.compile(r"^([A-Z][A-Z .'\-]{1,30}?)(?:\s*\(.*\))?$")
_THING = re.compile(r"\b(?:a|an|the|his|her|their)\s+([a-z]{3,})\b")
_CROWD = re.compile(r"\b((?i:two|three|four|five|six|a dozen|dozens of|twenty))\s+([A-Z]{3,}(?:S|MEN))\b")
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a dozen": 12, "dozens of": 24, "twenty": 20}
_NOT_PROPS = {"door", "room", "same", "way", "other", "moment", "night", "morning", "end", "air", "light", "side"}


def asked_scene(body: dict[str, Any]) -> str:
    return _ASKED.search(body["messages"][0]["content"]).group(1)


def scene_text(body: dict[str, Any], number: str) -> str:
    script = body["system"][-1]["text"]
    for found, text in _SCENE.findall(script):
        if found == number:
            return text
    return ""


def extract(number: str, text: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(category: str, name: str, evidence: str, quantity: int | None = None) -> None:
        if (category, name.lower()) in seen:
            return
        seen.add((category, name.lower()))
        item = {"category": category, "name": name, "evidence": evidence, "scene": number, "confidence": 0.9}
        if quantity:
            item["quantity"] = quantity
        items.append(item)

    lines = text.splitlines()
    for i, line in enumerate(lines[1:], start=1):
        stripped = line.strip()
        cue = _CUE.match(stripped)
        if cue and i + 1 < len(lines) and lines[i + 1].strip() and not lines[i + 1].isupper():
            add("cast", cue.group(1).strip(), cue.group(1).strip())
            continue
        for count, crowd in _CROWD.findall(stripped):
            add("background", crowd.title(), f"{count} {crowd}", _COUNTS[count.lower()])
        for match in _THING.finditer(stripped):
            noun = match.group(1)
            if noun not in _NOT_PROPS and len(items) < 12:
                add("props", noun, match.group(0))
    return items


def answer_breakdown(body: dict[str, Any]) -> dict[str, Any]:
    number = asked_scene(body)
    items = extract(number, scene_text(body, number))
    if "Review this breakdown" in body["messages"][0]["content"]:
        return {"scene": number, "missed": [], "doubtful": []}
    return {"scene": number, "elements": items}
