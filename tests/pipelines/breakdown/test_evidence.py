from datetime import datetime, timezone

import pytest

from studio.errors import SlatebookError
from studio.models import Element, LineKind, ReviewState, Scene, ScriptLine
from studio.store.catalog import ProjectCatalog
from pipelines.breakdown.evidence import (
    accept,
    approved_elements,
    check_element,
    check_elements,
    edit,
    find_evidence,
    normalise,
    reject,
)
from pipelines.sample import create_sample_project

AT = datetime(2025, 3, 1, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def scene():
    texts = [
        (LineKind.HEADING, "INT. MARGIT'S VAN - MOVING - DAY"),
        (LineKind.ACTION, "Wipers thump. Isla keeps both hands on the tote bag."),
        (LineKind.ACTION, "They pass the kirk -- and a caravan\u2026 parked by the war memorial."),
        (LineKind.DIALOGUE, "\u201cHe didn\u2019t fall.\u201d"),
    ]
    return Scene(number="2", heading=texts[0][1], lines=[ScriptLine(n=n, kind=k, text=t) for n, (k, t) in enumerate(texts, 1)])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("\u201cHe didn\u2019t fall.\u201d", '"He didn\'t fall."'),
        ("the kirk \u2014 and", "The kirk -- and"),
        ("Wait\u2026 what", "wait... WHAT"),
        ("both hands\n  on the\ttote bag", "Both hands on the tote bag"),
        ("well\u2010known", "well-known"),
    ],
)
def test_quotes_dashes_ellipses_case_and_spacing_compare_equal(a, b):
    assert normalise(a) == normalise(b)


def test_found_evidence_gives_the_line_it_starts_on(scene):
    assert find_evidence('"He didn\'t fall"', scene).line == 4
    assert find_evidence("the TOTE BAG", scene).line == 2
    # A quote that runs over a paragraph break is found, at the line it starts on.
    match = find_evidence("on the tote bag.\nThey pass the kirk \u2014 and a caravan...", scene)
    assert (match.verified, match.line) == (True, 2)


@pytest.mark.parametrize("quote", ["a van", "tote bags", "", "  \u2026 "])
def test_words_must_match_whole(scene, quote):
    assert not find_evidence(quote, scene).verified


def test_sample_scene_evidence(tmp_path):
    script = create_sample_project(ProjectCatalog(tmp_path / "projects")).get_script()
    van = script.scenes[1]
    assert find_evidence("\u201cHe didn\u2019t fall.\u201d", van).line == 24  # ISLA's line comes before MARGIT's echo
    assert find_evidence("a granite war memorial", van).line == 20


def test_unverified_elements_stay_out_until_a_person_accepts(scene):
    found = check_element(Element(scene_id=scene.id, category="props", name="tote bag", evidence="tote bag"), scene)
    missing = check_element(Element(scene_id=scene.id, category="props", name="urn", evidence="a cornflour urn"), scene)
    assert (found.verified, found.line, found.review) == (True, 2, ReviewState.PROPOSED)
    assert (missing.verified, missing.line, missing.review) == (False, None, ReviewState.UNVERIFIED)
    assert approved_elements([found, missing]) == []

    taken = accept(missing, "  Sam   Okafor ", AT)
    assert (taken.review, taken.reviewed_by, taken.reviewed_at, taken.verified) == (ReviewState.ACCEPTED, "Sam Okafor", AT, False)
    assert approved_elements([found, taken, reject(accept(found, "Sam", AT), "Sam", "not in shot")]) == [taken]
    assert missing.review == ReviewState.UNVERIFIED  # reviews return new elements


def test_a_person_decision_outlasts_a_recheck(scene):
    taken = accept(Element(scene_id=scene.id, category="props", name="urn", evidence="urn"), "Sam", AT)
    assert check_element(taken, scene).review == ReviewState.ACCEPTED
    rejected = reject(Element(scene_id=scene.id, category="props", name="bag", evidence="tote bag"), "Sam", at=AT)
    assert check_element(rejected, scene).review == ReviewState.REJECTED


def test_elements_of_a_scene_that_is_gone_are_unverified(scene):
    orphan = Element(scene_id="gone", category="props", name="tote bag", evidence="tote bag")
    [checked] = check_elements([orphan], [scene])
    assert (checked.verified, checked.review) == (False, ReviewState.UNVERIFIED)


def test_an_edit_is_checked_again_and_counts_as_acceptance(scene):
    element = check_element(Element(scene_id=scene.id, category="props", name="urn", evidence="an urn"), scene)
    edited = edit(element, scene, "Sam", AT, name="tote bag", evidence="both hands on the tote bag", quantity=1)
    assert (edited.id, edited.name, edited.quantity) == (element.id, "tote bag", 1)
    assert (edited.verified, edited.line, edited.review, edited.reviewed_by, edited.reviewed_at) == (True, 2, ReviewState.ACCEPTED, "Sam", AT)
    assert element.name == "urn"


@pytest.mark.parametrize(
    ("reviewer", "changes"),
    [("Sam", {"scene_id": "other"}), ("Sam", {"name": "  "}), ("Sam", {"quantity": 0}), ("Sam", {"quantity": "two"}), (" ", {"name": "bag"})],
)
def test_bad_edits_are_refused(scene, reviewer, changes):
    element = Element(scene_id=scene.id, category="props", name="urn")
    with pytest.raises(SlatebookError):
        edit(element, scene, reviewer, AT, **changes)
