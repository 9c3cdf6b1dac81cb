import pytest

from studio.errors import SlatebookError
from studio.models import Scene
from studio.store.catalog import ProjectCatalog
from pipelines.breakdown.cast import AliasSuggestion, build_cast, merge_aliases, suggest_aliases
from pipelines.sample import create_sample_project


def scenes(*speakers, omitted=()):
    return [
        Scene(number=str(i), heading=f"INT. ROOM {i} - DAY", characters=list(names), omitted=i in omitted)
        for i, names in enumerate(speakers, start=1)
    ]


def test_sample_cast_is_numbered_by_scene_count_then_first_appearance(tmp_path):
    script = create_sample_project(ProjectCatalog(tmp_path / "projects")).get_script()
    cast = build_cast(script.scenes)
    assert [(c.id_number, c.name, len(c.scene_ids)) for c in cast] == [
        (1, "ISLA", 17),
        (2, "JONAH", 11),
        (3, "HUGH", 9),
        (4, "MARGIT", 8),
        (5, "REID", 6),
        (6, "PRIYA", 4),
        # Three scenes each: first seen in scenes 4, 6 and 7.
        (7, "BEA", 3),
        (8, "ROWAN", 3),
        (9, "COASTGUARD", 3),
        (10, "DANIEL", 2),
    ]
    assert cast[0].scene_ids[0] == script.scenes[0].id
    assert suggest_aliases(cast) == []


def test_ties_go_to_the_earlier_cue_and_omitted_scenes_do_not_count():
    cast = build_cast(scenes(["BOB", "ANA"], ["ANA", "BOB"], ["ANA"], omitted={3}))
    assert [(c.id_number, c.name) for c in cast] == [(1, "BOB"), (2, "ANA")]


def test_alias_pairs_are_suggested_never_merged():
    cast = build_cast(scenes(["ANA", "ISLA"], ["DR. ANA REYES", "ISLA GUNN"], ["ANA", "BOB"]))
    assert suggest_aliases(cast) == [
        AliasSuggestion(keep="DR. ANA REYES", alias="ANA"),
        AliasSuggestion(keep="ISLA GUNN", alias="ISLA"),
    ]
    assert len(cast) == 5


def test_equal_words_keep_the_more_prominent_spelling():
    cast = build_cast(scenes(["ANA REYES"], ["ANA REYES"], ["ANA-REYES"]))
    assert suggest_aliases(cast) == [AliasSuggestion(keep="ANA REYES", alias="ANA-REYES")]


def test_merge_renumbers_and_survives_a_rebuild():
    draft = scenes(["BOB", "ANA"], ["BOB"], ["BOB", "DR. ANA REYES"], ["DR. ANA REYES", "ANA"], ["ANA"])
    cast = build_cast(draft)
    assert [(c.id_number, c.name) for c in cast] == [(1, "BOB"), (2, "ANA"), (3, "DR. ANA REYES")]  # tie: BOB cues first
    reyes = cast[2].model_copy(update={"daily_rate": 900.0})
    cast = [cast[0], cast[1], reyes]

    merged = merge_aliases(cast, keep="DR. ANA REYES", alias="ana", scenes=draft)
    assert [(c.id_number, c.name, len(c.scene_ids)) for c in merged] == [(1, "DR. ANA REYES", 4), (2, "BOB", 3)]
    assert (merged[0].id, merged[0].aliases, merged[0].daily_rate) == (reyes.id, ["ANA"], 900.0)
    assert merged[0].scene_ids == [s.id for s in draft if s.number != "2"]  # scene 4 counted once
    assert [c.name for c in cast] == ["BOB", "ANA", "DR. ANA REYES"]  # the list passed in is untouched

    assert build_cast(draft, previous=merged) == merged


@pytest.mark.parametrize(("keep", "alias"), [("ANA", "ANA"), ("ANA", "NOBODY")])
def test_merge_refuses_the_same_or_an_unknown_name(keep, alias):
    draft = scenes(["ANA", "BOB"])
    with pytest.raises(SlatebookError):
        merge_aliases(build_cast(draft), keep=keep, alias=alias, scenes=draft)
