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
