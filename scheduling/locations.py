"""Where each set is shot: the physical location a company move is counted between.

Scripts name sets, not locations. A move between two sets at one place (the kitchen and the
stairs of one house) is not a company move, so counting every set as its own location would price
moves that a line producer never pays and steer the schedule by them. Until a person maps the sets
(the Schedule page's set table, saved as `ScheduleSetup.set_locations`), each set is grouped with
the place its name says it belongs to:

- the part before " - " or " / ": "FERRY GREYLAG - WHEELHOUSE", "CEMETERY / GRAVESIDE";
- one place however it is spelled: "THE TOWN OF SPECTRE" and "TOWN OF SPECTRE", "BIG-TOP" and
  "BIG TOP", "BLOOM HOUSE [1977]" and "BLOOM HOUSE";
- a room or part of a place the script also names: "BLOOM HOUSE KITCHEN" at "BLOOM HOUSE",
  "HOSPITAL HALLWAY" at "HOSPITAL", and "JENNY'S KITCHEN" at "JENNY'S HOUSE" when the script
  names one dwelling or building of hers ("HOFF AND SPIRNHOLD LOBBY" at "HOFF AND SPIRNHOLD BUILDING").

Only those words join sets: "ROAD IN THE SWAMP" stays apart from "ROAD", since a place that merely
starts with another's name is often somewhere else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from studio.models.planning import ScheduleSetup

# The last words of a set that name a part of a place rather than a place.
PARTS = frozenset(
    """
    KITCHEN BATHROOM BEDROOM ROOM FOYER HALL HALLWAY CORRIDOR LOBBY RECEPTION ENTRANCE STAIRS
    STAIRWAY STAIRCASE LANDING PORCH BACKYARD YARD GARDEN PATIO DRIVEWAY GARAGE BASEMENT CELLAR
    ATTIC LOFT DEN STUDY OFFICE LIBRARY PARLOR PARLOUR LOUNGE NURSERY PANTRY CLOSET LAUNDRY
    BALCONY TERRACE ROOF ROOFTOP DECK WARD CAFETERIA CANTEEN CHAPEL BAR BOOTH CELL RING
    WAITING BATH SHOWER TOILET RESTROOM WASHROOM GYM POOL
    """.split()
)
MOST_PART_WORDS = 3  # "WAITING ROOM", "MASTER BEDROOM", "BACK STAIRS LANDING"
DWELLINGS = frozenset("HOUSE HOME APARTMENT FLAT CABIN COTTAGE MANSION TRAILER FARMHOUSE BUILDING".split())

_HEAD = re.compile(r"\s+(?:-+|–|—|/)\s+")
_NOTE = re.compile(r"\[[^\]]*\]")


def place_of(set_name: str) -> str:
    """The place a set's name starts with: before " - " or " / ", notes in brackets left out."""
    head = _HEAD.split(set_name, maxsplit=1)[0]
    return " ".join(_NOTE.sub(" ", head).split()) or " ".join(set_name.split()) or "UNKNOWN LOCATION"


def _key(place: str) -> str:
    words = place.upper().replace("-", " ").split()
    if len(words) > 1 and words[0] == "THE":
        words = words[1:]
    return " ".join(words)


def shooting_locations(set_names: Iterable[str], setup: ScheduleSetup | None = None) -> dict[str, str]:
    """Each set -> the location it is shot at: the user's mapping, else the grouping above."""
    mapped = setup.set_locations if setup else {}
    names = sorted(set(set_names))
    places = {name: place_of(name) for name in names}
    # one spelling per place: the shortest, so "SORORITY HOUSE" names "THE SORORITY HOUSE" too
    spelling: dict[str, str] = {}
    for place in sorted(set(places.values()), key=lambda p: (len(p), p)):
        spelling.setdefault(_key(place), place)
    keys = set(spelling)
    by_owner: dict[str, list[str]] = {}
    for key in keys:
        words = key.split()
        if len(words) > 1 and words[-1] in DWELLINGS:
            by_owner.setdefault(" ".join(words[:-1]), []).append(key)

    def home(key: str) -> str:
        for owner in _owners(key):
            if owner in keys:
                return owner
            dwellings = by_owner.get(owner, [])
            if len(dwellings) == 1:
                return dwellings[0]
        return key

    return {name: mapped.get(name) or spelling[home(_key(places[name]))] for name in names}


def _owners(key: str) -> list[str]:
    """The places a set may be part of, longest first: "BLOOM HOUSE MASTER" and "BLOOM HOUSE" for
    "BLOOM HOUSE MASTER BEDROOM" (a part is at most MOST_PART_WORDS words ending in a part word)."""
    words = key.split()
    if len(words) < 2 or words[-1] not in PARTS:
        return []
    return [" ".join(words[:cut]) for cut in range(len(words) - 1, max(0, len(words) - 1 - MOST_PART_WORDS), -1)]
