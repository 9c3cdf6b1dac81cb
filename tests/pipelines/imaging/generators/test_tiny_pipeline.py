"""The tiny random-weight pipeline through the real diffusers code path: seeds, sizes, steps, cancel."""

import io

import pytest
from PIL import Image

from pipelines.imaging.generators import FrameSpec, generator_for
from pipelines.imaging.generators.tiny import TinyGenerator

SPEC = FrameSpec(prompt="a ferry leaves the harbour at night", negative_prompt="blurry", width=128, height=72, seed=11)


@pytest.fixture(scope="module")
def tiny():
    return generator_for("tiny")


def pixels(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png))


def test_same_spec_gives_identical_png_bytes_even_from_a_freshly_built_pipeline(tiny):
    first = tiny.generate(SPEC)
    again = TinyGenerator(fresh=True).generate(SPEC)
    assert first.png == again.png
    assert first.backend == "tiny" and first.ai_generated is True
    assert first.parameters["seed"] == 11


def test_a_different_seed_or_prompt_gives_a_different_image(tiny):
    base = tiny.generate(SPEC).png
    assert tiny.generate(SPEC.model_copy(update={"seed": 12})).png != base
    assert tiny.generate(SPEC.model_copy(update={"prompt": "the captain on deck"})).png != base


def test_size_is_honoured_including_sizes_that_are_not_multiples_of_eight(tiny):
    for width, height in ((128, 72), (72, 128), (100, 60)):
        image = tiny.generate(SPEC.model_copy(update={"width": width, "height": height}))
        assert (image.width, image.height) == (width, height)
        assert pixels(image.png).size == (width, height)
    odd = tiny.generate(SPEC.model_copy(update={"width": 100, "height": 60}))
    assert odd.parameters["drawn_at"] == "104x64, centre-cropped"


def test_parameters_record_what_is_needed_to_draw_it_again(tiny):
    image = tiny.generate(SPEC.model_copy(update={"steps": 3, "guidance": 2.0}))
    p = image.parameters
    assert (p["steps"], p["guidance"], p["width"], p["height"]) == (3, 2.0, 128, 72)
    assert p["scheduler"] == "EulerDiscreteScheduler" and p["device"] == "cpu" and p["dtype"] == "float32"
    assert p["negative_prompt_used"] is True
    assert image.model_id == "tiny-random-sd" and image.commercial_use is False
    assert image.seconds > 0


def test_on_step_reports_every_step(tiny):
    seen = []
    tiny.generate(SPEC.model_copy(update={"steps": 3}), on_step=lambda step, total: seen.append((step, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


class Cancelled(Exception):
    pass


def test_raising_from_on_step_stops_the_frame_and_leaves_the_pipeline_usable(tiny):
    steps = []

    def cancel_at_two(step, total):
        steps.append(step)
        if step == 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        tiny.generate(SPEC.model_copy(update={"steps": 4}), on_step=cancel_at_two)
    assert steps == [1, 2]  # the denoising loop stopped where the callback raised
    assert tiny.generate(SPEC).png == tiny.generate(SPEC).png == TinyGenerator().generate(SPEC).png
