"""Character cues: one name per speaker, however the cue is decorated.

"EDWARD (V.O.)(CONT'D)", "Edward (cont'd)" and "@EDWARD ^" are one person
for the cast list, the breakdown and Day Out of Days.
"""

from __future__ import annotations

import re

# Extensions in brackets: (V.O.), (O.S.), (O.C.), (CONT'D), [PRELAP] and an unclosed "(V.O.".
_EXTENSION = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
# Some writers leave CONT'D unbracketed.
_BARE_CONTD = re.compile(r"\bCONT(?:'|’)?D\b|\bCONTINUED\b", re.IGNORECASE)
_EDGE_PUNCT = re.compile(r"^[\s@^.,:;!?…\-–—]+|[\s^.,:;!?…\-–—]+$")


def normalise_cue(text: str) -> str:
    name = _EXTENSION.sub(" ", text)
    name = _BARE_CONTD.sub(" ", name)
    name = _EDGE_PUNCT.sub("", " ".join(name.split()))
    return name.upper()


# Group cues that are whoever is already in the scene, not a crowd to book.
EVERYONE_CUES = frozenset({"ALL", "EVERYONE", "EVERYBODY", "BOTH", "OTHERS"})
# Cues that name a group speaking as one ("ALL", "THE CROWD", "VARIOUS TOWNFOLK"): background
# with a line of walla for the breakdown, not a member of the cast.
_GROUP_CUES = EVERYONE_CUES | frozenset("""
    CROWD CHORUS AUDIENCE CONGREGATION CLASS GROUP TOWNSFOLK TOWNFOLK
    TOWNSPEOPLE VILLAGERS PASSENGERS SPECTATORS ONLOOKERS GUESTS KIDS CHILDREN STUDENTS SOLDIERS MEN WOMEN
    PEOPLE VOICES FANS PROTESTERS REPORTERS PATRONS CUSTOMERS DRINKERS REGULARS CREW
""".split())
_GROUP_OPENERS = ("VARIOUS ", "SEVERAL ", "MANY ", "SOME OF THE ", "ALL THE ", "THE OTHER ")
_JOINT = re.compile(r"\s*(?:,|&|\bAND\b)\s*")


def is_group_cue(name: str) -> bool:
    """True for a cue a group speaks together: "ALL", "THE CROWD", "VARIOUS TOWNFOLK"."""
    words = name.split()
    if not words:
        return False
    if words[0] == "THE":
        words = words[1:] or words
    return words[-1] in _GROUP_CUES or name.startswith(_GROUP_OPENERS)


def joint_speakers(name: str, solo: set[str]) -> list[str]:
    """The people a joint cue names ("EDWARD AND WILL" -> EDWARD, WILL) when each of them has a
    cue of their own (`solo`); otherwise the cue itself, since "SALT AND PEPPER" may be one part."""
    parts = [p for p in _JOINT.split(name) if p]
    if len(parts) > 1 and all(p in solo for p in parts):
        return parts
    return [name]
