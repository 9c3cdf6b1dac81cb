import io

import imageio_ffmpeg
import numpy as np
import pypdfium2
import pytest
from PIL import Image

from pipelines.imaging.exports import (
    ANIMATIC_FPS,
    AnimaticFrame,
    BoardPanel,
    _frame_counts,
    animatic,
    moodboard_png,
    shot_label,
    storyboard_pdf,
)
from pipelines.imaging.palette import hex_to_rgb
from studio.errors import SlatebookError
from studio.models.imaging import Shot, ShotSize

FRAME_RGB = (200, 40, 30)


def _png(size=(320, 180), rgb=FRAME_RGB):
    out = io.BytesIO()
    Image.new("RGB", size, rgb).save(out, "PNG")
    return out.getvalue()


def _panels(scene_shots=(("12", 5), ("13", 3)), **changes):
    panels = []
    for scene, count in scene_shots:
        for i in range(count):
            values = dict(
                shot=Shot(
                    scene_id=f"scene-{scene}", index=i, size=ShotSize.CU, angle="low angle", movement="dolly in",
                    lens_mm=35, subject="MAYA", action=f"Maya grips the rail, shot {i + 1}.",
                    dialogue="We're not turning back." if i == 0 else "", duration_s=2.5,
                ),
                png=_png(),
                scene_number=scene,
                scene_heading="EXT. FERRY DECK - NIGHT" if scene == "12" else "INT. WHEELHOUSE - NIGHT",
                credit="Layout sketch, not AI-generated",
            )
            values.update(changes)
            panels.append(BoardPanel(**values))
    return panels


def _pages(pdf):
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [(page.get_size(), page.get_textpage().get_text_range()) for page in document]
    finally:
        document.close()


def test_shot_labels_follow_the_slate_convention():
    assert [shot_label("12", n) for n in (1, 2, 8, 9, 24, 25)] == ["12A", "12B", "12H", "12J", "12Z", "12AA"]
    assert shot_label("", 3) == "3"


def test_each_scene_starts_a_page_with_its_header():
    pages = _pages(storyboard_pdf(_panels(), title="Storyboard", project="Night Ferry", layout="2x3"))
    assert len(pages) == 2
    first, second = pages[0][1], pages[1][1]
    assert "Night Ferry" in first and "Scene 12" in first and "EXT. FERRY DECK - NIGHT" in first
    assert all(f"12{letter}" in first for letter in "ABCDE")
    assert "Scene 13" in second and "13C" in second and "12A" not in second
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert "5 shots, 12.5 s" in first


def test_panels_carry_the_shot_facts_caption_and_dialogue():
    text = _pages(storyboard_pdf(_panels((("12", 1),)), title="Storyboard", layout="2x2"))[0][1]
    assert "CU \u00b7 low angle \u00b7 dolly in, 35 mm" in text
    assert "2.5 s" in text and "MAYA" in text
    assert "Maya grips the rail, shot 1." in text
    assert "We're not turning back." in text
    assert "Layout sketch, not AI-generated" in text


def test_a_full_scene_flows_onto_more_pages():
    assert len(_pages(storyboard_pdf(_panels(), title="Storyboard", layout="2x2"))) == 3
    assert len(_pages(storyboard_pdf(_panels(), title="Storyboard", layout="3x3"))) == 2


def test_the_page_turns_to_give_bigger_frames():
    (w, h), _ = _pages(storyboard_pdf(_panels(), title="S", layout="3x2"))[0]
    assert w > h
    (w, h), _ = _pages(storyboard_pdf(_panels(), title="S", layout="2x3", aspect_ratio="2.39:1"))[0]
    assert h > w


def test_frames_are_drawn_into_their_panels():
    pdf = storyboard_pdf(_panels((("12", 1),)), title="S", layout="1x2")
    document = pypdfium2.PdfDocument(pdf)
    pixels = np.asarray(document[0].render(scale=0.5).to_pil().convert("RGB")).reshape(-1, 3)
    document.close()
    frame_pixels = np.all(np.abs(pixels.astype(int) - FRAME_RGB) < 8, axis=1).sum()
    assert frame_pixels > 5000


def test_long_captions_are_cut_with_an_ellipsis_not_spilled():
    long_action = "The ferry groans against the pilings. " * 30
    text = _pages(storyboard_pdf(_panels((("12", 1),), caption=long_action), title="S", layout="3x3"))[0][1]
    assert "\u2026" in text
    assert text.count("pilings") < 10


def test_a_shot_without_a_frame_still_gets_its_panel():
    text = _pages(storyboard_pdf(_panels((("12", 2),), png=None), title="S"))[0][1]
    assert text.count("No frame yet") == 2


def test_same_board_same_bytes():
    assert storyboard_pdf(_panels(), title="S") == storyboard_pdf(_panels(), title="S")


def test_bad_storyboard_requests_are_explained():
    with pytest.raises(SlatebookError, match="no shots"):
        storyboard_pdf([], title="S")
    with pytest.raises(SlatebookError, match="not a storyboard layout"):
        storyboard_pdf(_panels(), title="S", layout="7x1")
    with pytest.raises(SlatebookError, match="aspect ratio"):
        storyboard_pdf(_panels(), title="S", aspect_ratio="wide")
    with pytest.raises(SlatebookError, match="not a readable image"):
        storyboard_pdf(_panels((("12", 1),), png=b"broken"), title="S")


def test_gif_animatic_holds_each_frame_for_its_duration():
    frames = [AnimaticFrame(png=_png(rgb=(i * 60, 20, 20)), duration_s=d) for i, d in enumerate((0.5, 1.25, 2.0))]
    gif = Image.open(io.BytesIO(animatic(frames, "gif", width=320)))
    durations = []
    for i in range(gif.n_frames):
        gif.seek(i)
        durations.append(gif.info["duration"])
    assert durations == [500, 1250, 2000]
    assert gif.size == (320, 180)


def test_frames_of_another_shape_are_letterboxed_with_captions():
    frames = [(_png(), 1.0), AnimaticFrame(png=_png(size=(100, 100), rgb=(20, 200, 20)), duration_s=1.0, caption="12B Eli watches")]
    gif = Image.open(io.BytesIO(animatic(frames, "gif", width=320)))
    gif.seek(1)
    second = np.asarray(gif.convert("RGB"))
    assert second.shape == (180, 320, 3)
    assert second[90, 5].tolist() == [0, 0, 0]  # bars at the sides
    assert abs(int(second[60, 160, 1]) - 200) < 12  # the square frame in the middle
    assert (second[150:175, 100:220] > 200).all(axis=-1).any()  # white subtitle text


def test_mp4_animatic_runs_for_the_sum_of_the_durations(tmp_path):
    mp4 = animatic([(_png(), 0.5), (_png(rgb=(10, 10, 200)), 0.75)], "mp4", width=320)
    path = tmp_path / "a.mp4"
    path.write_bytes(mp4)
    frames, seconds = imageio_ffmpeg.count_frames_and_secs(str(path))
    assert frames == 30 and abs(seconds - 1.25) < 0.05


def test_cut_points_do_not_drift_at_24_fps():
    counts = _frame_counts([1 / 3] * 9)
    assert sum(counts) == 3 * ANIMATIC_FPS
    assert _frame_counts([0.01, 0.01]) == [1, 1]  # every shot is seen, however short


def test_bad_animatic_requests_are_explained():
    with pytest.raises(SlatebookError, match="no frames"):
        animatic([], "gif")
    with pytest.raises(SlatebookError, match="not an animatic format"):
        animatic([(_png(), 1.0)], "avi")
    with pytest.raises(SlatebookError, match="over 30 minutes"):
        animatic([(_png(), 60 * 31)], "mp4")
    with pytest.raises(SlatebookError, match="not a readable"):
        animatic([(b"nope", 1.0)], "gif")


def test_moodboard_lays_out_images_and_labelled_swatches():
    palette = ["#121c3a", "#e48c2a", "#285a34", "#f0ebdc", "#c81e20"]
    images = [_png(), _png(size=(120, 200), rgb=(40, 40, 200)), _png(size=(200, 200), rgb=(30, 160, 30))]
    board = Image.open(io.BytesIO(moodboard_png(images, palette, "The crossing", subtitle="Sequence 2", width=1200)))
    assert board.width == 1200 and board.height > 400
    pixels = np.asarray(board.convert("RGB")).reshape(-1, 3)
    for swatch in palette:
        assert (pixels == hex_to_rgb(swatch)).all(axis=1).sum() > 2000, swatch
    for colour in (FRAME_RGB, (40, 40, 200), (30, 160, 30)):
        assert (np.abs(pixels.astype(int) - colour) < 6).all(axis=1).sum() > 5000, colour


def test_moodboard_rows_fill_the_width():
    images = [_png(size=(300 + 40 * i, 200)) for i in range(7)]
    board = np.asarray(Image.open(io.BytesIO(moodboard_png(images, [], "Refs", width=1000))).convert("RGB"))
    row = board[board.shape[0] // 2 - 40]
    red = np.where(np.all(np.abs(row.astype(int) - FRAME_RGB) < 8, axis=1))[0]
    margin = round(1000 * 0.035)
    assert abs(red.min() - margin) <= 1 and abs(red.max() - (1000 - margin - 1)) <= 2


def test_bad_moodboards_are_explained():
    with pytest.raises(SlatebookError, match="no images"):
        moodboard_png([], [], "Empty")
    with pytest.raises(SlatebookError, match="not a readable"):
        moodboard_png([b"junk"], [], "Bad")
