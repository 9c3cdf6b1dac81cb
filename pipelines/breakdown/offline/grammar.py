"""Screenplay grammar: who is in a scene, and how many extras.

The conventions it reads:
- a cue (the speaker's name above dialogue) makes a speaking cast member;
- a character's first appearance in action is in CAPS, usually with an age:
  "ISLA GUNN (29)"; later they are written in ordinary case ("Isla");
- extras are CAPS or group words with a count: "a dozen PASSENGERS",
  "a CROWD of twenty", "Two DECKHANDS";
- CAPS are also used for sounds and key props ("a GUNSHOT", "the FLARE GUN")
  and for written signs, so a CAPS word only makes a character when it has an
  age, matches a speaker, or is a person word.
Possessives ("Margit's van") and people in a photograph do not put a
character in the scene.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.breakdown.offline.lexicons import GROUP_WORDS, ROLE_WORDS, TERMS, TITLES, modifies_next
from pipelines.breakdown.offline.text import (
    Sentence,
    Word,
    count_after,
    count_before,
    display_name,
    sentences,
    singular,
)
from pipelines.script.cues import EVERYONE_CUES, is_group_cue, joint_speakers
from studio.models import LineKind, Scene, Script

ACTION_KINDS = (LineKind.ACTION,)
_AGE = re.compile(r"^\s*\((?:\d{1,3}s?|\w+ties|\w+teen|late \w+|early \w+|mid[- ]\w+)\)", re.IGNORECASE)
_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")
_PICTURE = frozenset("photograph photo picture portrait painting snapshot poster drawing".split())
# Words in CAPS that are never a name: screenplay shorthand and the article "A".
_NOT_NAMES = frozenset("a i o.s v.o o.c pov cu ecu ws ms ots insert cont'd cont d tv dj ok mv hms uss".split())
# Animal and vehicle nouns that may stand beside a CAPS name: "A border collie, BRACKEN".
_ANIMAL_HEADS = frozenset(t[-1] for t, (c, _) in TERMS.items() if c == "animals")
_KIND_OF = {
    **dict.fromkeys("collie sheepdog puppy hound terrier spaniel labrador retriever".split(), "dog"),
    **dict.fromkeys("kitten".split(), "cat"),
    **dict.fromkeys("pony mare stallion foal".split(), "horse"),
    **dict.fromkeys("ferry trawler tug lifeboat yacht".split(), "boat"),
}
_VEHICLE_HEADS = frozenset(t[-1] for t, (c, _) in TERMS.items() if c == "vehicles")


@dataclass(frozen=True)
class Mention:
    kind: str  # "cast", "background", "animals", "vehicles"
    name: str
    line: int
    sentence: Sentence
    first: int
    last: int
    quantity: int | None = None


@dataclass
class ScriptIndex:
    """What the whole script says about its people, read once per draft."""

    speakers: set[str] = field(default_factory=set)
    # A name word in ordinary case ("Hugh", "Mowat") -> the cast name it means ("HUGH").
    name_words: dict[str, str] = field(default_factory=dict)
    # Extras introduced in CAPS ("passenger") -> the name they go on the sheet as ("Passengers").
    extras: dict[str, str] = field(default_factory=dict)
    named_animals: dict[str, str] = field(default_factory=dict)
    named_vehicles: dict[str, str] = field(default_factory=dict)
    # The kinds the named ones are ("animals" -> {"collie", "dog"}), so "the dog" is not a second animal.
    kinds: dict[str, set[str]] = field(default_factory=dict)


def caps_runs(sentence: Sentence) -> list[tuple[int, int]]:
    """(first, last) word indexes of each run of CAPS words in `sentence`."""
    runs, start = [], None
    words = sentence.words
    for i, w in enumerate(words):
        caps = w.is_caps and w.lower not in _NOT_NAMES
        # Only a space joins CAPS words into one name: "GREYLAG - CREW" is a label, not a person.
        joined = start is not None and sentence.text[words[i - 1].end : w.start] in (" ", ". ")
        if caps and (start is None or joined):
            start = i if start is None else start
            continue
        if start is not None:
            runs.append((start, i - 1))
        start = i if caps else None
    if start is not None:
        runs.append((start, len(words) - 1))
    return runs


def has_age(sentence: Sentence, last: int) -> bool:
    return bool(_AGE.match(sentence.text[sentence.words[last].end :]))


def index_script(script: Script) -> ScriptIndex:
    index = ScriptIndex()
    scenes = script.active_scenes
    for scene in scenes:
        index.speakers.update(scene.characters)
    ambiguous: set[str] = set()

    def claim(word: str, owner: str) -> None:
        if word in ambiguous or word in TITLES:
            return
        if index.name_words.get(word, owner) != owner:
            ambiguous.add(word)
            del index.name_words[word]
            return
        index.name_words[word] = owner

    for speaker in index.speakers:
        for word in speaker.split():
            if word.isalpha() and word.lower() not in ROLE_WORDS:
                claim(word.lower(), speaker)
    for scene in scenes:
        for line in scene.lines:
            if line.kind not in ACTION_KINDS:
                continue
            for sentence in sentences(line.text):
                for first, last in caps_runs(sentence):
                    words = [w.bare for w in sentence.words[first : last + 1]]
                    if has_age(sentence, last):
                        owner = _speaker_for(words, index.speakers) or " ".join(w.upper() for w in words)
                        for word in words:
                            claim(word, owner)
                        continue
                    if _is_label(sentence, first, last):
                        continue
                    if singular(words[-1]) in GROUP_WORDS or " ".join(words) in ROLE_WORDS:
                        # The first introduction names the group; later CAPS may be a sign.
                        index.extras.setdefault(singular(words[-1]), display_name(words))
                    elif found := _neighbour_kind(sentence, first, last):
                        kind, noun = found
                        target = index.named_animals if kind == "animals" else index.named_vehicles
                        target.setdefault(" ".join(words), display_name(words).title())
                        # "A border collie, BRACKEN": later "the dog" in her scenes is Bracken.
                        index.kinds.setdefault(kind, set()).update({noun, _KIND_OF.get(noun, noun)})
    return index


def _speaker_for(words: list[str], speakers: set[str]) -> str | None:
    """The speaker a CAPS name means: "CAPTAIN HUGH MOWAT" -> "HUGH" when HUGH speaks somewhere."""
    joined = " ".join(words).upper()
    if joined in speakers:
        return joined
    upper = [w.upper() for w in words if w not in TITLES]
    for speaker in sorted(speakers, key=len, reverse=True):
        parts = speaker.split()
        if parts and all(p in upper for p in parts):
            return speaker
    return None


def _neighbour_kind(sentence: Sentence, first: int, last: int) -> tuple[str, str] | None:
    """("animals", "collie") for "A border collie, BRACKEN,"; ("vehicles", "ferry") for "the MV GREYLAG, an elderly ferry"."""
    words = sentence.words
    near = [w.bare for w in words[max(0, first - 3) : first]] + [w.bare for w in words[last + 1 : last + 6]]
    for word in near:
        s = singular(word)
        if s in _ANIMAL_HEADS:
            return "animals", s
        if s in _VEHICLE_HEADS:
            return "vehicles", s
    return None


def speaking_cast(scene: Scene) -> list[str]:
    """Who has a cue in `scene`, in cue order: voices over and off count, as on a call sheet; each
    speaker of a joint cue counts, a group speaking as one does not (the import reads them so)."""
    return list(scene.characters)


def people(scene: Scene, index: ScriptIndex) -> list[Mention]:
    """Cast (speakers first, in cue order) and background in `scene`, with where each was found."""
    found: list[Mention] = []
    for line in scene.lines:
        if line.kind == LineKind.CHARACTER and line.character:
            s = next(sentences(line.text), None)
            if s:
                found.extend(_cue_people(line.character, line.n, s, index))
    for line in scene.lines:
        if line.kind not in ACTION_KINDS:
            continue
        # People after "a photograph" in a paragraph are in the picture, not in the scene.
        in_picture = False
        quoted = [m.span() for m in _QUOTED.finditer(line.text)]
        for sentence in sentences(line.text):
            picture = 0 if in_picture else picture_from(sentence.words)
            in_picture = picture < len(sentence.words)
            # Written words ("ISLA - KEEP" on a sticky note) name nobody in the scene.
            found.extend(
                m for m in _in_action(sentence, line.n, index, picture)
                if not any(a <= sentence.words[m.first].start < b for a, b in quoted)
            )
    return found


def _cue_people(cue: str, n: int, s: Sentence, index: ScriptIndex) -> list[Mention]:
    """A cue's cast, each quoting the cue: its speaker, each of a joint cue's speakers, or a group
    speaking as one (a crowd is background; "ALL" is whoever is there)."""
    last = len(s.words) - 1
    if is_group_cue(cue):
        head = [w for w in cue.split() if w != "THE"]
        if head[-1] in EVERYONE_CUES:
            return []
        return [Mention("background", display_name(head[-1:]), n, s, 0, last)]
    return [Mention("cast", name, n, s, 0, last) for name in joint_speakers(cue, index.speakers)]


def _in_action(sentence: Sentence, n: int, index: ScriptIndex, picture: int) -> list[Mention]:
    words = sentence.words
    out: list[Mention] = []
    taken: set[int] = set()
    for first, last in caps_runs(sentence):
        names = [w.bare for w in words[first : last + 1]]
        taken.update(range(first, last + 1))
        if first >= picture or _is_label(sentence, first, last):
            continue
        speaker = _speaker_for(names, index.speakers)
        if speaker or has_age(sentence, last):
            if not words[last].possessive:
                out.append(Mention("cast", speaker or " ".join(n.upper() for n in names), n, sentence, first, last))
            continue
        head = singular(names[-1])
        if head in index.extras or head in GROUP_WORDS or " ".join(names) in ROLE_WORDS:
            name = index.extras.get(head) or display_name(names)
            single = " ".join(names) in ROLE_WORDS and names[-1] == head
            qty = count_after(sentence, last) or count_before(sentence, first, single=single)
            out.append(Mention("background", name, n, sentence, first, last, qty))
        elif " ".join(names) in index.named_animals:
            out.append(Mention("animals", index.named_animals[" ".join(names)], n, sentence, first, last))
        elif " ".join(names) in index.named_vehicles:
            out.append(Mention("vehicles", index.named_vehicles[" ".join(names)], n, sentence, first, last))
    for i, w in enumerate(words):
        if i in taken or i >= picture:
            continue
        if w.is_title and w.bare in index.name_words and not w.possessive:
            out.append(Mention("cast", index.name_words[w.bare], n, sentence, i, i))
        elif w.bare in index.named_animals and w.is_title:
            out.append(Mention("animals", index.named_animals[w.bare], n, sentence, i, i))
        elif w.bare in index.named_vehicles and w.is_title:
            out.append(Mention("vehicles", index.named_vehicles[w.bare], n, sentence, i, i))
        elif not w.possessive and singular(w.bare) in (index.extras.keys() | GROUP_WORDS) and _group_here(sentence, i):
            head = singular(w.bare)
            first = i - 1 if i and f"{words[i - 1].bare} {head}" in _two_word_groups(index) else i
            name = index.extras.get(head) or display_name([words[j].bare for j in range(first, i + 1)]).rstrip()
            qty = count_after(sentence, i) or count_before(sentence, first)
            out.append(Mention("background", name, n, sentence, first, i, qty))
    return out


def _group_here(sentence: Sentence, i: int) -> bool:
    """A group word that names people present, not "the crowd's" or "men" in passing.

    Generic words (people, men, crew) only count with a count or in Title case,
    as a writer marks extras; named groups (passengers, townsfolk) always count.
    """
    words = sentence.words
    head = singular(words[i].bare)
    if modifies_next(words, i):
        return False  # "the passenger window", "the police sergeant"
    if i > 0 and (words[i - 1].is_title or words[i - 1].is_caps) and words[i - 1].lower not in ("the", "a", "an"):
        return False  # "Bea and three Regulars crowd round": a verb after its subject
    if head in ("people", "person", "folk"):
        return words[i].is_title  # "two frightened people" are the characters, seen from outside
    if head in ("man", "men", "woman", "women", "crew", "staff", "police", "gang", "audience"):
        return words[i].is_title or count_before(sentence, i) is not None
    return True


def _is_label(sentence: Sentence, first: int, last: int) -> bool:
    """A CAPS run that is written text, not a person: "ODELL'S FRESH FISH", "CREW 9"."""
    words = sentence.words
    rest = sentence.text[words[last].end :].lstrip()
    if any(w.possessive for w in words[first : last + 1]) or rest[:1].isdigit():
        return True
    # "DANIEL GUNN - DECKHAND - LOST AT SEA": CAPS strung together by dashes is an inscription.
    before = first > 0 and words[first - 1].is_caps and "-" in sentence.text[words[first - 1].end : words[first].start]
    after = last + 1 < len(words) and words[last + 1].is_caps and "-" in sentence.text[words[last].end : words[last + 1].start]
    return before or after


def _two_word_groups(index: ScriptIndex) -> set[str]:
    return {g for g in GROUP_WORDS if " " in g}


def picture_from(words: tuple[Word, ...]) -> int:
    """Index of the first word describing a picture ("A photograph ...:"); people after it are depicted."""
    for i, w in enumerate(words):
        if singular(w.bare) in _PICTURE:
            return i
    return len(words)
