"""The offline layout sketch: every shot size, 1-4 people, angles, day and night, deterministic."""

import io

import pytest
from PIL import Image

from pipelines.imaging.generators import FrameSpec, generator_for
from pipelines.imaging.generators.sketch import STAMP, render_sketch
from pipelines.imaging.generators.sketch_parts import move_kind, tones_for
from studio.models.imaging import ShotSize

BASE = FrameSpec(width=480, height=270, seed=3, subjects=["MAYA"], int_ext="EXT", day_night="DAY",
                 caption="Maya watches the ferry leave")


def draw(**changes) -> Image.Image:
    return render_sketch(BASE.model_copy(update=changes))


def figure_share(image: Image.Image, spec: FrameSpec) -> float:
    """The share of the scene (above the caption bar) drawn in the figure colour."""
    tones = tones_for(spec.palette, spec.int_ext, spec.day_night)
    target = Image.new("RGB", (1, 1), tones.figure).getpixel((0, 0))
    scene = image.crop((0, 0, image.width, int(image.height * 0.8)))
    pixels = list(scene.get_flattened_data())
    close = sum(1 for p in pixels if sum(abs(a - b) for a, b in zip(p, target)) < 12)
    return close / len(pixels)


@pytest.mark.parametrize("size", list(ShotSize))
@pytest.mark.parametrize("people", [1, 2, 3, 4])
def test_every_shot_size_with_one_to_four_people_is_a_labelled_sketch(size, people):
    spec = BASE.model_copy(update={"shot_size": size, "subjects": ["MAYA", "JONAS", "ELI", "RUTH"][:people]})
    image = generator_for("sketch").generate(spec)
    assert (image.width, image.height) == (480, 270)
    assert image.backend == "sketch" and image.ai_generated is False
    assert image.parameters["shot_size"] == size.value
    assert Image.open(io.BytesIO(image.png)).size == (480, 270)


def test_the_same_spec_gives_the_same_bytes_and_the_stamp_is_red_in_the_corner():
    generator = generator_for("sketch")
    assert generator.generate(BASE).png == generator.generate(BASE).png
    corner = draw().crop((300, 0, 480, 30))
    reds = [p for p in corner.get_flattened_data() if p[0] > 150 and p[1] < 80 and p[2] < 80]
    assert len(reds) > 300, f"the '{STAMP}' stamp is missing"


def test_tighter_shot_sizes_fill_more_of_the_frame_with_the_person():
    shares = {size: figure_share(draw(shot_size=size), BASE) for size in ShotSize}
    ladder = [shares[s] for s in (ShotSize.MCU, ShotSize.MS, ShotSize.MWS, ShotSize.WS, ShotSize.EWS)]
    assert ladder == sorted(ladder, reverse=True), shares
    assert min(shares[ShotSize.ECU], shares[ShotSize.CU]) > shares[ShotSize.MS]
    assert shares[ShotSize.EWS] < 0.01


def test_more_people_cover_more_of_a_wide_shot():
    shares = [figure_share(draw(shot_size=ShotSize.WS, subjects=["A", "B", "C", "D"][:n]), BASE) for n in (1, 2, 3, 4)]
    assert shares == sorted(shares) and shares[0] < shares[-1]
    assert figure_share(draw(shot_size=ShotSize.WS, subjects=[]), BASE) == 0


def horizon_row(image: Image.Image) -> int:
    """The first row, down the left edge where no one stands, that is ground rather than sky."""
    sky = image.getpixel((2, 1))
    for y in range(1, int(image.height * 0.8)):
        if sum(abs(a - b) for a, b in zip(image.getpixel((2, y)), sky)) > 30:
            return y
    return image.height


def test_the_horizon_drops_for_a_low_angle_and_rises_for_a_high_angle():
    low = horizon_row(draw(shot_size=ShotSize.WS, angle="low angle"))
    eye = horizon_row(draw(shot_size=ShotSize.WS, angle="eye level"))
    high = horizon_row(draw(shot_size=ShotSize.WS, angle="high angle"))
    assert high < eye < low


def test_night_is_darker_than_day_and_the_palette_tints_the_set():
    def brightness(image):
        grey = image.convert("L").crop((0, 0, image.width, int(image.height * 0.8)))
        return sum(grey.get_flattened_data()) / (grey.width * grey.height)

    assert brightness(draw(day_night="NIGHT")) < brightness(draw(day_night="DAY")) - 60
    warm = draw(palette=["#d9a441", "#8c2f39", "#f2d0a4"])
    assert warm.tobytes() != draw().tobytes()
    # The palette's swatches are drawn in the caption bar.
    bar = warm.crop((0, int(warm.height * 0.85), warm.width, warm.height))
    assert (217, 164, 65) in set(bar.get_flattened_data())


@pytest.mark.parametrize("angle", ["overhead", "dutch angle", "low angle", "high angle"])
@pytest.mark.parametrize("shape", [(432, 768), (300, 300), (96, 64)])
def test_angles_and_frame_shapes_from_vertical_to_thumbnail(angle, shape):
    width, height = shape
    image = draw(angle=angle, width=width, height=height, subjects=["A", "B", "C", "D", "E"], int_ext="INT")
    assert image.size == (width, height)


def test_camera_moves_are_read_in_the_industry_words():
    assert move_kind("slow push in") == "in"
    assert move_kind("pull back to reveal") == "out"
    assert move_kind("pan left") == "pan"
    assert move_kind("tracking shot") == "track"
    assert move_kind("crane up") == "crane"
    assert move_kind("static") == "static"
    assert draw(movement="push in").tobytes() != draw(movement="static").tobytes()
