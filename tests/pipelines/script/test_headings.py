import re

import pytest

from studio.models import IntExt
from pipelines.script.fountain import parse_fountain
from pipelines.script.headings import heading_prefix, parse_heading


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("INT. HOUSE - KITCHEN - NIGHT", (IntExt.INT, "HOUSE - KITCHEN", "NIGHT")),
        ("INT. SAN FRANCISCO APARTMENT, DAY", (IntExt.INT, "SAN FRANCISCO APARTMENT", "DAY")),
        ("EXT. PARK--DAY", (IntExt.EXT, "PARK", "DAY")),
        ("INT.  WILL'S BEDROOM - NIGHT (1973)", (IntExt.INT, "WILL'S BEDROOM", "NIGHT")),
        ("EST. CITY", (IntExt.EXT, "CITY", "")),
        ("I/E CAR - MOVING", (IntExt.INT_EXT, "CAR - MOVING", "")),
        (".SNIPER SCOPE POV", (IntExt.NONE, "SNIPER SCOPE POV", "")),
        ("INT./EXT. BLOOM HOUSE - (PRESENT) DAY", (IntExt.INT_EXT, "BLOOM HOUSE", "DAY")),
        ("INT/EXT CAR - DAY", (IntExt.INT_EXT, "CAR", "DAY")),
        ("EXT/INT.  SWAMP SHACK - DAY", (IntExt.INT_EXT, "SWAMP SHACK", "DAY")),
        ("EXT. BY THE RIVER - NIGHT - CONTINUOUS", (IntExt.EXT, "BY THE RIVER", "NIGHT - CONTINUOUS")),
        ("INT. EDWARD'S CAR - NIGHT - [THE STORM]", (IntExt.INT, "EDWARD'S CAR", "NIGHT")),
        ("EXT.  BLOOM BACK YARD - NIGHT [CONTINUOUS]", (IntExt.EXT, "BLOOM BACK YARD", "NIGHT")),
        ("INT.  TINY PARIS RESTAURANT (LA RUE 14°) - NIGHT (1998)", (IntExt.INT, "TINY PARIS RESTAURANT (LA RUE 14°)", "NIGHT")),
        ("EXT.  SPECTRE - MAGIC HOUR", (IntExt.EXT, "SPECTRE", "MAGIC HOUR")),
        ("EXT.  FIELD - PRE-DAWN", (IntExt.EXT, "FIELD", "PRE-DAWN")),
        ("EXT.  JENNY HILL'S HOUSE - DAY TO NIGHT", (IntExt.EXT, "JENNY HILL'S HOUSE", "DAY TO NIGHT")),
        ("INT.  BIG-TOP - NIGHT / LATER", (IntExt.INT, "BIG-TOP", "NIGHT / LATER")),
        ("EXT. FURTHER ALONG - ROUGH PATH", (IntExt.EXT, "FURTHER ALONG - ROUGH PATH", "")),
        ("EXT. TOWN OF SPECTRE - VARIOUS SHOTS", (IntExt.EXT, "TOWN OF SPECTRE - VARIOUS SHOTS", "")),
        ("INT. HALLWAY, SCOTT'S APARTMENT BUILDING, A MOMENT LATER", (IntExt.INT, "HALLWAY, SCOTT'S APARTMENT BUILDING", "A MOMENT LATER")),
        ("INT SCOTT'S APARTMENT, SAME TIME", (IntExt.INT, "SCOTT'S APARTMENT", "SAME TIME")),
        ("INT. LANDCRUISER, DRIVING -- A BIT LATER", (IntExt.INT, "LANDCRUISER", "A BIT LATER")),
        ("INT./EXT. MARGIT'S VAN - MOVING - DAY", (IntExt.INT_EXT, "MARGIT'S VAN", "DAY")),
        # Big Fish: how the car is shot follows the time
        ("INT.  WILL'S CAR - DAY / DRIVING", (IntExt.INT, "WILL'S CAR", "DAY")),
        ("INT. CAR - NIGHT / DAY", (IntExt.INT, "CAR", "NIGHT / DAY")),
        ("INT. BAXTER'S APARTMENT, LATER THAT EVENING", (IntExt.INT, "BAXTER'S APARTMENT", "LATER THAT EVENING")),
        ("EXT. MARIN HILLSIDE, THE NEXT DAY", (IntExt.EXT, "MARIN HILLSIDE", "THE NEXT DAY")),
        ("INT. SOUTHERN EXPOSURE GALLERY, SOUTH OF MARKET", (IntExt.INT, "SOUTHERN EXPOSURE GALLERY, SOUTH OF MARKET", "")),
        ("int. kitchen - moments later", (IntExt.INT, "kitchen", "MOMENTS LATER")),
        ("INT. THE FIRST PLACE - DAY #1#", (IntExt.INT, "THE FIRST PLACE", "DAY")),
        ("ИНТ. КВАРТИРА МАШИ – СТОЛОВАЯ – ДЕНЬ", (IntExt.INT, "КВАРТИРА МАШИ – СТОЛОВАЯ", "ДЕНЬ")),
        ("НАТ. ДВОР – НОЧЬ", (IntExt.EXT, "ДВОР", "НОЧЬ")),
        ("ИНТ./НАТ. МАШИНА – УТРО", (IntExt.INT_EXT, "МАШИНА", "УТРО")),
    ],
)
def test_parse_heading(heading, expected):
    assert parse_heading(heading) == expected


@pytest.mark.parametrize(
    "line, kind",
    [
        ("INT. HOUSE - DAY", IntExt.INT),
        ("ext. garden", IntExt.EXT),
        ("INT HOUSE", IntExt.INT),
        ("INT./EXT. CAR", IntExt.INT_EXT),
        ("I/E CAR", IntExt.INT_EXT),
        ("EST. SKYLINE", IntExt.EXT),
        ("ИНТ. КУХНЯ", IntExt.INT),
        ("INTERIOR DESIGNERS ARRIVE", None),
        ("Esther walks in.", None),
        ("EXTRA! EXTRA!", None),
        # Not in the Fountain list, so the line stays action (as its FDX twin has it).
        ("EXT/INT. SORORITY HOUSE", None),
    ],
)
def test_fountain_heading_prefixes(line, kind):
    assert heading_prefix(line) == kind


def test_every_big_fish_heading_has_int_ext_and_most_have_a_time(corpus):
    text = (corpus / "vilcans__screenplain__examples__Big-Fish.fountain").read_text(encoding="utf-8")
    headings = [b.text for b in parse_fountain(text).blocks if b.kind == "heading"]
    parsed = [parse_heading(h) for h in headings]
    assert all(p[0] != IntExt.NONE for p in parsed)
    assert all(p[1] and "  " not in p[1] for p in parsed)
    timed = [p for p in parsed if p[2]]
    assert len(timed) >= 180
    # A year or a bracketed note never ends up as the time of day.
    assert not any(re.search(r"[\[(\d]", p[2]) for p in timed)
