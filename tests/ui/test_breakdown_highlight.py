"""The breakdown's scene view: evidence marked in category colours, script text kept as text."""

from __future__ import annotations

from pipelines.breakdown.categories import CategorySet
from pipelines.breakdown.evidence import accept, check_element, reject
from studio.models import Element, LineKind, Scene, ScriptLine
from ui.breakdown_highlight import evidence_spans, highlighted_scene_html, legend_html


def _scene() -> Scene:
    texts = [
        (LineKind.HEADING, "INT. MARGIT'S VAN - MOVING - DAY"),
        (LineKind.ACTION, "Wipers thump. Isla keeps both hands on the tote bag. <b>not bold</b>"),
        (LineKind.ACTION, "They pass the kirk -- and a caravan\u2026 parked by the war\nmemorial."),
        (LineKind.DIALOGUE, "\u201cHe didn\u2019t fall.\u201d"),
    ]
    return Scene(id="s1", number="2", heading=texts[0][1], lines=[ScriptLine(n=n, kind=k, text=t) for n, (k, t) in enumerate(texts, 1)])


def _element(category, name, evidence, scene):
    return check_element(Element(scene_id="s1", category=category, name=name, evidence=evidence), scene)


def test_spans_are_found_with_the_evidence_checks_tolerance():
    scene = _scene()
    bag = _element("props", "tote bag", "THE TOTE BAG", scene)
    fall = _element("notes", "his fall", '"He didnt fall"', scene)
    memorial = _element("set_dressing", "war memorial", "by the war memorial", scene)
    wipers = _element("sound", "thump", "Wipers thump. Isla keeps", scene)
    spans = evidence_spans(scene, [bag, fall, memorial, wipers])
    line2 = scene.lines[1].text
    # The element's own words are marked when its quote holds them, else the whole quote.
    assert [(s.line, line2[s.start : s.end]) for s in spans if s.element is bag] == [(2, "tote bag")]
    assert [scene.lines[3].text[s.start : s.end] for s in spans if s.element is fall] == ["He didn\u2019t fall"]
    assert [(s.line, scene.lines[2].text[s.start : s.end]) for s in spans if s.element is memorial] == [(3, "war\nmemorial")]
    assert [line2[s.start : s.end] for s in spans if s.element is wipers] == ["thump"]


def test_a_quote_over_two_lines_marks_both_pieces():
    scene = _scene()
    both = _element("notes", "last words", "parked by the war memorial. He didn't", scene)
    spans = evidence_spans(scene, [both])
    assert [(s.line, scene.lines[s.line - 1].text[s.start : s.end]) for s in spans] == [
        (3, "parked by the war\nmemorial."),  # the marks between two quoted words are marked too
        (4, "\u201cHe didn\u2019t"),
    ]


def test_whole_words_only_and_missing_evidence_is_not_marked():
    scene = _scene()
    van = _element("vehicles", "van", "a van", scene)  # "caravan" must not count
    ghost = _element("props", "harpoon", "a rusty harpoon", scene)
    assert evidence_spans(scene, [van, ghost]) == []


def test_marks_carry_colour_review_state_and_escape_the_script():
    scene = _scene()
    categories = CategorySet.defaults()
    bag = accept(_element("props", "tote bag", "the tote bag", scene), "Ana")
    isla = _element("cast", "ISLA", "Isla", scene)
    wipers = reject(_element("sound", "wipers", "Wipers thump", scene), "Ana")
    page = highlighted_scene_html(scene, [bag, isla, wipers], categories)
    props, cast = categories.get("props"), categories.get("cast")
    assert f"<mark class='bd-mark' style='background:{props.colour};color:{props.text_colour}' title='Props: tote bag'>tote bag</mark>" in page
    assert f"background:{cast.colour}55" in page and "bd-pending" in page and "Cast Members: ISLA (proposed)" in page
    assert "Wipers thump" in page and "Sound" not in page  # rejected: not marked
    assert "&lt;b&gt;not bold&lt;/b&gt;" in page and "<b>not bold</b>" not in page


def test_hidden_categories_are_not_marked_and_the_legend_counts_the_rest():
    scene = _scene()
    categories = CategorySet.defaults().hide("props")
    bag = _element("props", "tote bag", "the tote bag", scene)
    isla = _element("cast", "ISLA", "Isla", scene)
    page = highlighted_scene_html(scene, [bag, isla], categories)
    assert "tote bag</mark>" not in page and "ISLA" in page
    legend = legend_html(categories, [bag, isla, isla])
    assert "Cast Members 2" in legend and "Props" not in legend
    assert legend_html(categories, []) == ""


def test_overlapping_evidence_is_painted_by_the_first_category_and_named_in_full():
    scene = _scene()
    bag = _element("set_dressing", "bag", "the tote bag", scene)
    tote = _element("props", "tote bag", "the tote bag", scene)
    page = highlighted_scene_html(scene, [bag, tote], CategorySet.defaults())
    assert "title='Props: tote bag (proposed)'>tote </mark>" in page
    assert "title='Props: tote bag (proposed); Set Dressing: bag (proposed)'>bag</mark>" in page
