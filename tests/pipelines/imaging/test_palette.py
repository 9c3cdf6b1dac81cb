import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipelines.imaging.palette import (
    NEAR_DUPLICATE,
    board_palette,
    extract_palette,
    hex_to_rgb,
    rgb_to_hex,
    srgb_to_lab,
)
from studio.errors import SlatebookError

# Eight colours a person would name, with the area each covers (in 1/40 of the width).
BANDS = [
    ((18, 28, 58), 12),  # night navy
    ((228, 140, 42), 8),  # sodium orange
    ((40, 90, 52), 6),  # harbour green
    ((240, 235, 220), 5),  # paper white
    ((200, 30, 32), 4),  # signal red
    ((120, 120, 126), 3),  # steel grey
    ((90, 60, 140), 1),  # violet
    ((250, 220, 60), 1),  # lamp yellow
]


def _png(bands=BANDS, size=(400, 200), fmt="PNG", mode="RGB"):
    image = Image.new(mode, size)
    draw = ImageDraw.Draw(image)
    x = 0
    unit = size[0] / sum(w for _, w in bands)
    for colour, weight in bands:
        draw.rectangle([round(x), 0, round(x + weight * unit), size[1]], fill=colour)
        x += weight * unit
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def _delta_e(a, b):
    la, lb = srgb_to_lab(np.array([hex_to_rgb(a) if isinstance(a, str) else a], dtype=float)), srgb_to_lab(
        np.array([hex_to_rgb(b) if isinstance(b, str) else b], dtype=float)
    )
    return float(np.linalg.norm(la - lb))


def test_finds_the_named_colours_largest_area_first():
    palette = extract_palette(_png(), n=6)
    assert len(palette) == 6
    for swatch, (colour, _) in zip(palette, BANDS[:6]):
        assert _delta_e(swatch, colour) < 3, (swatch, colour)
    assert all(s.startswith("#") and len(s) == 7 and s == s.lower() for s in palette)


@pytest.mark.parametrize("n", [5, 6, 7, 8])
def test_gives_the_number_of_swatches_asked_for(n):
    palette = extract_palette(_png(), n=n)
    assert len(palette) == n
    assert {hex_to_rgb(s) for s in palette} >= {c for c, _ in BANDS[: n - 1]} or len(palette) == n


def test_same_image_same_palette():
    assert extract_palette(_png()) == extract_palette(_png()) == extract_palette(_png(), 6)


def test_near_duplicate_colours_become_one_swatch():
    bands = [((200, 30, 32), 6), ((204, 34, 30), 6)] + BANDS[:1] + BANDS[2:7]
    palette = extract_palette(_png(bands), n=8)
    reds = [s for s in palette if _delta_e(s, (202, 32, 31)) < NEAR_DUPLICATE]
    assert len(reds) == 1
    for i, a in enumerate(palette):
        for b in palette[i + 1 :]:
            assert _delta_e(a, b) >= NEAR_DUPLICATE


def test_a_photo_like_gradient_gives_distinct_swatches():
    y, x = np.mgrid[0:240, 0:320]
    pixels = np.stack([x * 255 / 319, y * 255 / 239, np.full_like(x, 90)], axis=-1).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "PNG")
    palette = extract_palette(out.getvalue(), n=6)
    assert len(palette) == 6 and len(set(palette)) == 6


def test_a_flat_image_gives_fewer_swatches_rather_than_invented_ones():
    assert extract_palette(_png([((10, 200, 10), 1)])) == ["#0ac80a"]
    assert len(extract_palette(_png(BANDS[:3]), n=6)) == 3


def test_jpeg_and_transparent_areas():
    assert _delta_e(extract_palette(_png(fmt="JPEG"))[0], BANDS[0][0]) < 4
    image = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle([0, 0, 49, 99], fill=(228, 140, 42, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    assert extract_palette(out.getvalue()) == ["#e48c2a"]


def test_bad_input_is_explained():
    with pytest.raises(SlatebookError, match="5 to 8"):
        extract_palette(_png(), n=4)
    with pytest.raises(SlatebookError, match="not an image"):
        extract_palette(b"not an image")
    out = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(out, "PNG")
    with pytest.raises(SlatebookError, match="transparent"):
        extract_palette(out.getvalue())
    with pytest.raises(SlatebookError, match="#rrggbb"):
        board_palette([["#12345"]])


def test_board_palette_weighs_each_image_the_same():
    navy_board = _png([((18, 28, 58), 3), ((228, 140, 42), 1)])
    small_red = _png([((200, 30, 32), 1)], size=(20, 20))
    palette = board_palette([navy_board, navy_board, small_red], n=5)
    assert _delta_e(palette[0], (18, 28, 58)) < 3
    assert any(_delta_e(s, (200, 30, 32)) < 3 for s in palette)
    assert board_palette([navy_board, navy_board, small_red], n=5) == palette


def test_board_palette_from_stored_palettes_and_images_together():
    palettes = [["#121c3a", "#e48c2a", "#285a34"], ["#131d3b", "#c81e20"]]
    palette = board_palette(palettes + [_png(BANDS[4:6])], n=5)
    assert _delta_e(palette[0], "#121c3a") < 3
    assert any(_delta_e(s, "#c81e20") < 3 for s in palette)
    assert board_palette([]) == []
    # Frames stored before their palette was taken carry an empty one; they add nothing.
    assert board_palette([[], ["#112233", "#aabbcc"], []]) == ["#112233", "#aabbcc"]
    assert board_palette([[], []]) == []


def test_hex_round_trip():
    assert rgb_to_hex(hex_to_rgb("#1F2a44")) == "#1f2a44"
    assert rgb_to_hex((300, -5, 127.6)) == "#ff0080"
