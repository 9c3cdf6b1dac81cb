from collections import defaultdict

import pytest

from pipelines.script.service import read_script
from scheduling.locations import place_of, shooting_locations
from studio.models.planning import ScheduleSetup
from studio.samples import SAMPLE_SCREENPLAY
from shared_data import CORPUS

BIG_FISH = CORPUS / "vilcans__screenplain__examples__Big-Fish.fountain"


def test_the_place_is_the_part_before_a_dash_or_a_slash_without_notes():
    assert place_of("FERRY GREYLAG - WHEELHOUSE") == "FERRY GREYLAG"
    assert place_of("CEMETERY / GRAVESIDE") == "CEMETERY"
    assert place_of("BLOOM HOUSE [MID/LATE '70'S]") == "BLOOM HOUSE"
    assert place_of("TINY PARIS RESTAURANT (LA RUE 14°)") == "TINY PARIS RESTAURANT (LA RUE 14°)"
    assert place_of("AC/DC ARENA") == "AC/DC ARENA"


def test_sets_are_grouped_at_the_place_their_names_belong_to():
    sets = [
        "BLOOM HOUSE", "BLOOM HOUSE KITCHEN", "BLOOM HOUSE MASTER BEDROOM", "BLOOM BACK YARD",
        "HOSPITAL", "HOSPITAL HALLWAY", "HOSPITAL ROOM - VARIOUS SHOTS",
        "BIG TOP", "BIG-TOP", "THE TOWN OF SPECTRE", "TOWN OF SPECTRE - VARIOUS SHOTS",
        "JENNY'S HOUSE", "JENNY'S KITCHEN", "HOFF AND SPIRNHOLD BUILDING", "HOFF AND SPIRNHOLD LOBBY",
        "ROAD", "ROAD IN THE SWAMP", "TOWN", "WILL'S BEDROOM", "WILL'S CAR",
    ]
    where = shooting_locations(sets)
    assert {where[s] for s in sets[:4]} == {"BLOOM HOUSE"}
    assert {where[s] for s in sets[4:7]} == {"HOSPITAL"}
    assert where["BIG-TOP"] == where["BIG TOP"] == "BIG TOP"
    assert where["THE TOWN OF SPECTRE"] == where["TOWN OF SPECTRE - VARIOUS SHOTS"] == "TOWN OF SPECTRE"
    assert where["JENNY'S KITCHEN"] == "JENNY'S HOUSE"
    assert where["HOFF AND SPIRNHOLD LOBBY"] == "HOFF AND SPIRNHOLD BUILDING"
    # a place that only starts with another's name is somewhere else; a bedroom is not a car
    assert where["ROAD IN THE SWAMP"] == "ROAD IN THE SWAMP"
    assert where["TOWN"] == "TOWN" and where["TOWN OF SPECTRE - VARIOUS SHOTS"] != "TOWN"
    assert where["WILL'S BEDROOM"] == "WILL'S BEDROOM" and where["WILL'S CAR"] == "WILL'S CAR"


def test_a_room_joins_a_dwelling_only_when_there_is_one():
    where = shooting_locations(["NAK'S HOUSE", "NAK'S APARTMENT", "NAK'S KITCHEN"])
    assert where["NAK'S KITCHEN"] == "NAK'S KITCHEN"


def test_the_users_mapping_comes_first():
    setup = ScheduleSetup(set_locations={"BLOOM HOUSE KITCHEN": "STAGE 4", "MARGIT'S VAN": "CARROW HAVEN"})
    where = shooting_locations(["BLOOM HOUSE", "BLOOM HOUSE KITCHEN", "MARGIT'S VAN"], setup)
    assert where == {"BLOOM HOUSE": "BLOOM HOUSE", "BLOOM HOUSE KITCHEN": "STAGE 4", "MARGIT'S VAN": "CARROW HAVEN"}


def _groups(script_bytes: bytes, name: str) -> dict[str, list[str]]:
    script = read_script(script_bytes, name)
    groups = defaultdict(list)
    for set_name, location in shooting_locations(s.location or s.heading for s in script.scenes).items():
        groups[location].append(set_name)
    return groups


def test_the_sample_keeps_its_eight_locations():
    groups = _groups(SAMPLE_SCREENPLAY.read_bytes(), SAMPLE_SCREENPLAY.name)
    assert len(groups) == 8
    assert sorted(groups["FERRY GREYLAG"]) == [
        "FERRY GREYLAG - CAR DECK", "FERRY GREYLAG - OPEN DECK", "FERRY GREYLAG - PASSENGER SALOON",
        "FERRY GREYLAG - WHEELHOUSE",
    ]


@pytest.mark.skipif(not BIG_FISH.is_file(), reason="needs ../shared/corpus")
def test_a_feature_script_is_counted_in_locations_not_sets():
    groups = _groups(BIG_FISH.read_bytes(), BIG_FISH.name)
    assert sum(len(v) for v in groups.values()) == 141
    assert len(groups) == 114
    assert len(groups["BLOOM HOUSE"]) == 10
    assert sorted(groups["HOSPITAL"]) == [
        "HOSPITAL", "HOSPITAL ENTRANCE", "HOSPITAL HALLWAY", "HOSPITAL RECEPTION", "HOSPITAL ROOM",
        "HOSPITAL ROOM - VARIOUS SHOTS",
    ]
    assert groups["WILL'S CAR"] == ["WILL'S CAR"]  # "- DAY / DRIVING" is the time, not the set
