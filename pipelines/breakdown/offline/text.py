"""Reading action lines: sentences, words with their positions, counts, quotes.

Everything here keeps character offsets into the line's own text, so every
evidence quote the engine writes is an exact slice of the script.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_SENTENCE = re.compile(r"[^.!?;:]+(?:[.!?;:]+|$)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019\-]*[A-Za-z]|[A-Za-z]|\d+")

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "lone": 1, "two": 2, "pair": 2, "couple": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "dozen": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "hundreds": 100, "dozens": 24,
}
# Words a count may sit behind without being part of it ("two frightened DECKHANDS").
_COUNT_GAP = 2


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower().replace("\u2019", "'")

    @property
    def is_caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    @property
    def is_title(self) -> bool:
        return self.text[:1].isupper() and not self.is_caps

    @property
    def possessive(self) -> bool:
        return self.lower.endswith("'s") or self.lower.endswith("s'")

    @property
    def bare(self) -> str:
        """The word without a possessive ending: "Margit's" -> "margit"."""
        w = self.lower
        return w[:-2] if w.endswith("'s") else w.rstrip("'")


@dataclass(frozen=True)
class Sentence:
    text: str  # the line's text, whole
    start: int
    end: int
    words: tuple[Word, ...]

    @property
    def span(self) -> str:
        return self.text[self.start : self.end]


def sentences(text: str) -> Iterator[Sentence]:
    for m in _SENTENCE.finditer(text):
        words = tuple(Word(w.group(), w.start(), w.end()) for w in _WORD.finditer(text, m.start(), m.end()))
        if words:
            yield Sentence(text, words[0].start, words[-1].end, words)


def quote(sentence: Sentence, first: int, last: int, limit: int = 120) -> str:
    """An exact quote of `sentence` around words[first..last], whole words, at most `limit` chars.

    The whole sentence when it fits; otherwise the hit widened a word at a
    time on each side, so the reader sees what the item is doing.
    """
    if sentence.end - sentence.start <= limit:
        return sentence.span
    words = sentence.words
    lo, hi = first, last
    while True:
        grew = False
        for lo2, hi2 in ((lo - 1, hi), (lo, hi + 1)):
            if 0 <= lo2 and hi2 < len(words) and words[hi2].end - words[lo2].start <= limit:
                lo, hi, grew = lo2, hi2, True
        if not grew:
            break
    return sentence.text[words[lo].start : words[hi].end]


def count_before(sentence: Sentence, index: int, *, single: bool = False) -> int | None:
    """The number written just before word `index`: "a dozen", "two", "12"; None if none.

    Only words in the same phrase count (no punctuation between), so an age in
    brackets is no count. "a"/"an" counts as one only for a `single` noun.
    """
    words = sentence.words
    for back in range(1, _COUNT_GAP + 2):
        i = index - back
        if i < 0 or sentence.text[words[i].end : words[i + 1].start].strip():
            return None
        w = words[i].lower
        if w in ("a", "an") and not single:
            return None
        if w.isdigit():
            return int(w)
        if w in NUMBER_WORDS:
            if w in ("dozen", "hundred") and i > 0 and words[i - 1].lower in NUMBER_WORDS:
                return NUMBER_WORDS[words[i - 1].lower] * NUMBER_WORDS[w]
            return NUMBER_WORDS[w]
    return None


def count_after(sentence: Sentence, index: int) -> int | None:
    """The number in "a CROWD of twenty"; None if none."""
    words = sentence.words
    if index + 2 < len(words) and words[index + 1].lower == "of":
        w = words[index + 2].lower
        if w.isdigit():
            return int(w)
        if w in NUMBER_WORDS and w not in ("a", "an"):
            return NUMBER_WORDS[w]
    return None


def singular(word: str) -> str:
    """A crude English singular, enough to match "gulls" with "gull" and "lorries" with "lorry"."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def display_name(words: list[str]) -> str:
    """"FLARE", "GUN" -> "Flare gun": a sheet's way of writing an element."""
    text = " ".join(words).lower()
    return text[:1].upper() + text[1:]
