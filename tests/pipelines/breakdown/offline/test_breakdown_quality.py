"""The gold scorer of benchmarks/breakdown_quality.py, on a gold small enough to check by hand."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]


@pytest.fixture(scope="module")
def bq():
    spec = importlib.util.spec_from_file_location("breakdown_quality", ROOT / "benchmarks" / "breakdown_quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GOLD = {
    "aliases": {"ferry": ["greylag"]},
    "scenes": {
        "1": {
            "int_ext": "EXT", "location": "QUAY", "time": "DAY",
            "cast": ["ISLA", "HUGH"],
            "background": [["Townsfolk", 12], ["Deckhands", 2]],
            "props": ["Tote bag", "Flare gun"],
            "vehicles": ["Ferry"],
            "special_effects": ["Rain"],
        }
    },
}


def test_names_are_normalised_and_matched_by_head_noun(bq):
    assert bq.normalise_name("The Ship's Horns") == ("ship", "horn")
    assert bq.names_match(("canvas", "tote", "bag"), ("tote", "bag"))
    assert not bq.names_match(("tote",), ("tote", "bag"))  # a different head noun


def test_precision_recall_and_counts(bq):
    predicted = {
        ("1", "cast"): [("ISLA", None), ("BRACKEN", None)],
        ("1", "background"): [("Townsfolk", 12), ("Deckhands", 3)],
        ("1", "props"): [("Canvas tote bag", None), ("Orange", None), ("Photograph", None)],
        ("1", "vehicles"): [("Greylag", None)],
        ("1", "mechanical_effects"): [("Wobbles", None)],
        ("2", "props"): [("Not a gold scene", None)],
    }
    rows = {r["category"]: r for r in bq.score(GOLD, predicted)}
    assert (rows["cast (all)"]["precision"], rows["cast (all)"]["recall"]) == (0.5, 0.5)
    assert (rows["props"]["matched"], rows["props"]["precision"], rows["props"]["recall"]) == (1, 0.333, 0.5)
    assert rows["vehicles"]["recall"] == 1.0  # through the alias
    assert rows["background counts (exact)"]["matched"] == 1  # 12 right, 3 is not 2
    effects = rows["effects (SFX+VFX+mech.)"]
    assert (effects["gold"], effects["predicted"], effects["matched"]) == (1, 1, 0)


def test_headings_are_scored_against_the_scene_fields(bq):
    class Scene:
        location, int_ext, time = "QUAY", "EXT", "NIGHT"

    rows = {r["category"]: r for r in bq.score(GOLD, {}, {"1": Scene()})}
    assert rows["heading: location"]["recall"] == 1.0
    assert rows["heading: time"]["recall"] == 0.0
