"""Scene headings (sluglines): INT/EXT, set and time of day.

Writers are inconsistent about separators ("- DAY", "--DAY", ", DAY") and
append notes such as "(1973)" or "[FLASHBACK]", so the time of day is taken
only when the trailing part is a recognised time phrase; anything unknown
stays in the location rather than being lost.
"""

from __future__ import annotations

import re

from studio.models import IntExt

# Longest prefixes first, so "INT./EXT." is not read as "INT.". The localised
# rows are the ones seen in real imports (Russian ИНТ./НАТ.).
_PREFIXES: tuple[tuple[str, IntExt], ...] = (
    (r"INT\.?\s*/\s*EXT", IntExt.INT_EXT),
    (r"I\s*/\s*E", IntExt.INT_EXT),
    (r"INT", IntExt.INT),
    (r"EXT", IntExt.EXT),
    (r"EST", IntExt.EXT),  # establishing shots are exteriors
    (r"ИНТ\.?\s*/\s*НАТ", IntExt.INT_EXT),
    (r"НАТ\.?\s*/\s*ИНТ", IntExt.INT_EXT),
    (r"ИНТ", IntExt.INT),
    (r"НАТ", IntExt.EXT),
)
# "EXT/INT." is not a Fountain heading (Big Fish keeps two such lines as
# action, and so does its FDX twin), but once a line is known to be a heading
# it reads as INT/EXT.
_READ_ONLY_PREFIXES = ((r"EXT\.?\s*/\s*INT", IntExt.INT_EXT),)


def _prefix_regex(table: tuple[tuple[str, IntExt], ...]) -> re.Pattern[str]:
    # Fountain: the prefix must be followed by a dot or a space ("INTERIOR" is not one).
    alternatives = "|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(table))
    return re.compile(rf"^\s*(?:{alternatives})(?:\.\s*|\s+)", re.IGNORECASE)


_FOUNTAIN = _prefix_regex(_PREFIXES)
_ANY = _prefix_regex(_READ_ONLY_PREFIXES + _PREFIXES)

SCENE_NUMBER = re.compile(r"\s*#([\w.\-]+)#\s*$")

_BASE_TIMES = (
    "DAY", "NIGHT", "MORNING", "AFTERNOON", "EVENING", "DUSK", "DAWN", "SUNSET", "SUNRISE",
    "NOON", "MIDDAY", "MIDNIGHT", "TWILIGHT", "DAYBREAK", "NIGHTFALL", "MAGIC HOUR",
    "GOLDEN HOUR", "CONTINUOUS", "CONTINUED", "SAME TIME", "SAME", "LATER",
    # Russian
    "ДЕНЬ", "НОЧЬ", "УТРО", "ВЕЧЕР", "СУМЕРКИ", "РАССВЕТ", "ЗАКАТ",
)
_BASE = "(?:" + "|".join(re.escape(t) for t in _BASE_TIMES) + ")"
# "THE NEXT MORNING", "ANOTHER DAY", "PRE-DAWN", "LATE NIGHT", "DAY TO NIGHT"
_PHRASE = rf"(?:(?:THE\s+)?(?:NEXT|SAME|FOLLOWING|ANOTHER|PRESENT|EARLY|LATE|PRE|MID)[\s-]*)?{_BASE}(?:\s+(?:TO|INTO)\s+{_BASE})?"
# "MOMENTS LATER", "A FEW DAYS LATER", "LATER THAT EVENING"
_LATER = rf"(?:[\w']+\s+){{0,3}}LATER(?:\s+THAT\s+{_BASE})?"
_TIME = re.compile(rf"^(?:{_PHRASE}(?:\s*/\s*{_PHRASE})*|{_LATER})$", re.IGNORECASE)

# How a vehicle set is shot, not where: "MARGIT'S VAN - MOVING" is the van's set.
_SET_MODIFIERS = re.compile(r"^(?:MOVING|TRAVELL?ING|PARKED|STATIONARY|DRIVING)$", re.IGNORECASE)

_SEPARATOR = re.compile(r"(\s+[-–—]+\s+|\s*--+\s*|\s*,\s*)")
_ANNOTATION = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def heading_prefix(text: str) -> IntExt | None:
    """The INT/EXT a Fountain line starts with, or None when it is not a scene heading."""
    return _match_prefix(_FOUNTAIN, _PREFIXES, text)[0]


def _match_prefix(regex: re.Pattern[str], table, text: str) -> tuple[IntExt | None, int]:
    m = regex.match(text)
    if m is None:
        return None, 0
    kind = next(k for i, (_, k) in enumerate(table) if m.group(f"p{i}") is not None)
    return kind, m.end()


def parse_heading(text: str) -> tuple[IntExt, str, str]:
    """Split a heading into (INT/EXT, location, time of day)."""
    text = SCENE_NUMBER.sub("", text).strip()
    if text.startswith(".") and not text.startswith(".."):
        text = text[1:]
    kind, end = _match_prefix(_ANY, _READ_ONLY_PREFIXES + _PREFIXES, text)
    int_ext = kind or IntExt.NONE
    rest = " ".join(text[end:].split())

    parts = _SEPARATOR.split(rest)  # [segment, separator, segment, ...]
    segments = parts[0::2]
    times: list[str] = []
    cut = len(segments)
    # Peel time phrases off the end; a bare note such as "[THE STORM]" may
    # trail the time and is dropped, but only when a time is found before it.
    k = len(segments) - 1
    while k > 0:
        clean = _clean(segments[k])
        time = _time_phrase(clean)
        if time:
            times.insert(0, time.upper())
            cut = k
        elif clean:
            break
        k -= 1
    if not times:
        return int_ext, rest.strip(), ""
    while cut > 1 and _SET_MODIFIERS.match(_clean(segments[cut - 1])):
        cut -= 1
    location = "".join(parts[: 2 * cut - 1]).strip()
    return int_ext, location, " - ".join(times)


def _time_phrase(clean: str) -> str | None:
    """`clean` when it is a time of day, also when how the set is shot follows it ("DAY / DRIVING"
    is DAY: the car is the set either way)."""
    if not clean:
        return None
    if _TIME.match(clean):
        return clean
    head, slash, how = clean.rpartition("/")
    if slash and _SET_MODIFIERS.match(how.strip()):
        return _time_phrase(head.strip())
    return None


def _clean(part: str) -> str:
    return " ".join(_ANNOTATION.sub(" ", part).split())
