"""Things in a scene: props, vehicles, animals, wardrobe, effects, sound, music.

Two readers over the action lines:
- the lexicon (lexicons.py): words a breakdown tags on sight;
- noun phrases the lexicon does not know ("a battered shortbread tin"), which
  the engine hands to the sentence-embedding model to place, or to drop.
Dialogue is never read for items: what people talk about is not on the set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.breakdown.offline.lexicons import (
    HANDLING,
    LONGEST_TERM,
    OBJECT_PRONOUNS,
    PREPOSITIONS,
    PRONOUNS,
    TERMS,
    modifies_next,
)
from pipelines.breakdown.offline.text import Sentence, Word, count_before, display_name, singular

# Categories whose words are verbs as often as nouns ("Bracken barks"); the verb is the cue.
VERB_CATEGORIES = frozenset({"sound", "stunts", "mechanical_effects", "music"})
_DETERMINERS = frozenset(
    "a an the his her their its my your our this that these those some no every each another two three "
    "four five six seven eight nine ten twelve dozen of with and or in on from into onto under over "
    "behind beside by at for".split()
)
_STOP = frozenset(
    """
    a an the his her their its my your our this that these those some no every each another all both
    and or but nor so yet of to in on at by for from with without into onto over under up down off out
    through across along around behind beside between above below near toward towards against about
    is are was were be been being has have had do does did not as than then like while when where who
    which what whose whom it he she they him her them we you i me us one ones there here now just only
    still very too even more most much many few other same such own again once also back away
    """.split()
)
_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")


@dataclass(frozen=True)
class Hit:
    category: str
    name: str
    sentence: Sentence
    first: int
    last: int
    quantity: int | None = None
    confidence: float = 0.9


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where a line quotes written words (a note, a sign): those are not things on the set."""
    return [m.span() for m in _QUOTED.finditer(text)]


def lexicon_hits(sentence: Sentence, caps_runs: list[tuple[int, int]], skip: set[int]) -> list[Hit]:
    """Lexicon terms in `sentence`, longest first, skipping word indexes in `skip` (names, quotes)."""
    words = sentence.words
    forms = [singular(w.bare) for w in words]
    run_of = {i: run for run in caps_runs for i in range(run[0], run[1] + 1)}
    hits, i = [], 0
    while i < len(words):
        for size in range(min(LONGEST_TERM, len(words) - i), 0, -1):
            span = range(i, i + size)
            if any(j in skip for j in span):
                continue
            found = TERMS.get(tuple(forms[i : i + size]))
            if not found:
                continue
            # A CAPS run is a sign, a name or one tagged thing ("the FLARE GUN"): only a
            # term covering the whole run counts, so "ODELL'S FRESH FISH" is no fish.
            runs = {run_of[j] for j in span if j in run_of}
            if any(not (i <= a and b <= i + size - 1) for a, b in runs):
                continue
            category, name = found
            if category not in VERB_CATEGORIES and size == 1 and (
                _used_as_verb(words, i) or modifies_next(words, i) or words[i].possessive
            ):
                continue  # "she waves", "the ferry shed", "the ship's bell"
            if _simile(words, i):
                continue  # "paint flakes fall like grey snow"
            if "=" not in name and size and name.lower() == " ".join(forms[i : i + size]):
                name = display_name([w.bare for w in words[i : i + size]])
            qty = count_before(sentence, i)
            hits.append(Hit(category, name, sentence, i, i + size - 1, qty if qty and qty > 1 else None))
            i += size - 1
            break
        i += 1
    return hits


def _simile(words: tuple[Word, ...], i: int) -> bool:
    return any(w.lower in ("like", "as") for w in words[max(0, i - 3) : i])


def _used_as_verb(words: tuple[Word, ...], i: int) -> bool:
    """ "She waves", "Jonah fires high", "to ring": a noun term used as a verb."""
    if i + 1 < len(words) and words[i + 1].lower in OBJECT_PRONOUNS - {"her"} | {"her"} and i > 0:
        if words[i - 1].lower not in _DETERMINERS:
            return True  # "TOWNSFOLK in waterproofs photograph her"
    if i == 0:
        return False
    before = words[i - 1]
    if before.lower == "and" and words[i].lower.endswith("s") and i + 1 < len(words):
        # "... and fires high": a verb with its adverb; "smoke and sparks." stays a noun
        after = words[i + 1].lower
        if after.endswith("ly") or after in ("high", "low", "back", "up", "down", "off", "again", "away"):
            return True
    if before.lower in PRONOUNS - {"her", "his", "their"} or before.lower in ("to", "will", "can", "then"):
        return True
    if before.lower.endswith("ly") and before.lower not in ("only", "family", "early", "holy", "lily"):
        return True
    return before.is_title and before.lower not in _DETERMINERS and not before.possessive and i > 1


def has_person(sentence: Sentence, people: set[str]) -> bool:
    return any(w.lower in PRONOUNS or (w.bare in people and not w.lower == w.text) for w in sentence.words)


def handled(sentence: Sentence, first: int, people: set[str]) -> bool:
    """Someone handles the thing at word `first`: "Isla sets the tote", not "hangs it on his chair".

    A handling verb must govern it: come before it with no preposition between.
    """
    if not has_person(sentence, people):
        return False
    for j in range(first - 1, max(-1, first - 6), -1):
        w = sentence.words[j].lower
        if w in HANDLING:
            return True
        if w in PREPOSITIONS:
            return False
    return False


def noun_phrases(sentence: Sentence, skip: set[int]) -> list[tuple[int, int]]:
    """(first, last) of short phrases after a determiner: "a battered shortbread tin".

    Without a part-of-speech tagger the phrase runs to the next function word
    or punctuation, at most three words, and the model judges what it is.
    """
    words = sentence.words
    phrases = []
    for i, w in enumerate(words):
        if w.lower not in _DETERMINERS or w.lower in ("of", "and", "or", "with"):
            continue
        j = i + 1
        while (
            j < len(words)
            and j - i <= 3
            and words[j].lower not in _STOP
            and j not in skip
            and not words[j].is_caps
            and sentence.text[words[j - 1].end : words[j].start].strip() in ("",)
        ):
            j += 1
        # The phrase must end on a noun-looking word: "a wheeled suitcase" not "a wheeled".
        while j > i + 1 and _adjective_like(words[j - 1].lower):
            j -= 1
        if j > i + 1:
            phrases.append((max(i + 1, j - 2), j - 1))  # at most two words: "shortbread tin"
    return phrases


def _adjective_like(word: str) -> bool:
    return word.endswith(("ed", "ing", "ly", "ful", "ous", "ish", "less", "able", "ible")) or word in (
        "good", "small", "big", "old", "new", "young", "little", "large", "long", "short", "tiny", "huge",
        "red", "white", "black", "green", "blue", "grey", "gray", "yellow", "brown", "dark", "pale", "bright",
    )
