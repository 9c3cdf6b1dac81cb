"""Board exports: the storyboard PDF, the animatic (GIF or MP4) and the moodboard PNG.

Inputs are plain typed values (a Shot, the frame's PNG bytes, caption text),
so the storyboard and moodboard services decide what goes on a board and
these functions only lay it out. Every function returns bytes; signing them
with Content Credentials is the caller's next step
(pipelines.provenance.sign.sign_pdf / sign_export).
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError
from pydantic import BaseModel, ConfigDict, Field
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, LETTER, landscape, portrait
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from pipelines.imaging.palette import hex_to_rgb
from studio.errors import SlatebookError
from studio.models.imaging import ASPECT_RATIOS, Shot

LAYOUTS = ("1x2", "1x3", "2x2", "2x3", "3x2", "3x3", "4x3")
MAX_GRID = 4
# Shot letters skip I and O, which read as 1 and 0 on a slate.
SHOT_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
ANIMATIC_FPS = 24
MAX_ANIMATIC_SECONDS = 60 * 30


class BoardPanel(BaseModel):
    """One storyboard panel: the shot, its frame and what to print under it."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    shot: Shot
    png: bytes | None = None  # None: the shot has no frame yet; the panel shows an empty frame
    scene_number: str = ""
    scene_heading: str = ""  # "INT. FERRY DECK - NIGHT"
    caption: str = ""  # empty: the shot's action
    credit: str = ""  # provenance line, e.g. "AI: sd-turbo, seed 42" or "Layout sketch, not AI-generated"


class AnimaticFrame(BaseModel):
    png: bytes
    duration_s: float = Field(gt=0)
    caption: str = ""  # burnt in as a subtitle when given


# --- storyboard PDF


def shot_label(scene_number: str, position: int) -> str:
    """"12A" for the first shot of scene 12 (position counts from 1), as on a slate."""
    letters, n = "", position
    while n > 0:
        n, rest = divmod(n - 1, len(SHOT_LETTERS))
        letters = SHOT_LETTERS[rest] + letters
    return f"{scene_number}{letters}" if scene_number else str(position)


def aspect_value(aspect_ratio: str | float) -> float:
    if isinstance(aspect_ratio, int | float):
        value = float(aspect_ratio)
    else:
        text = aspect_ratio.strip()
        if text in ASPECT_RATIOS:
            value = ASPECT_RATIOS[text]
        else:
            try:
                width, _, height = text.partition(":")
                value = float(width) / float(height or 1)
            except (ValueError, ZeroDivisionError):
                value = 0.0
    if not 0.2 <= value <= 5:
        raise SlatebookError(
            f"{aspect_ratio!r} is not an aspect ratio Slatebook can lay out.",
            "Use one of " + ", ".join(ASPECT_RATIOS) + ".",
        )
    return value


def storyboard_pdf(
    panels: Sequence[BoardPanel],
    *,
    title: str,
    project: str = "",
    layout: str = "2x3",
    aspect_ratio: str | float = "16:9",
    paper: Literal["letter", "a4"] = "letter",
) -> bytes:
    """A storyboard PDF: `layout` is "COLUMNSxROWS" panels per page ("3x3", "2x3", "1x2").

    Each scene starts on a new page whose header names the project, the scene
    and its heading; each panel shows the frame letterboxed to `aspect_ratio`,
    the shot label (12A), size, angle, movement, lens and duration, then the
    caption and the dialogue excerpt. One-column layouts put the text beside
    the frame. The page is turned to whichever orientation gives bigger frames.
    """
    if not panels:
        raise SlatebookError("There are no shots to put on a storyboard.", "Add shots to the scene first.")
    columns, rows = _grid(layout)
    aspect = aspect_value(aspect_ratio)
    paper_size = A4 if paper == "a4" else LETTER
    page_size, geometry = max(
        ((size, _PageGeometry.fit(size, columns, rows, aspect)) for size in (landscape(paper_size), portrait(paper_size))),
        key=lambda pair: pair[1].image_w * pair[1].image_h,
    )
    pages = _paginate(panels, columns * rows)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page_size, invariant=1, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(project or "Slatebook")
    canvas.setCreator("Slatebook")
    canvas.setSubject("Storyboard")
    for number, page in enumerate(pages, start=1):
        _draw_page(canvas, page, geometry, title=title, project=project, number=number, total=len(pages))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


_INK = HexColor("#1c1c1e")
_MUTED = HexColor("#6b6b70")
_RULE = HexColor("#c9c9cc")
_FRAME_BG = HexColor("#2b2b2e")
_LABEL_BG = HexColor("#1c1c1e")
_MARGIN = 30.0
_HEADER = 46.0
_FOOTER = 22.0
_GUTTER = 14.0
_LINE = 10.0  # text leading
_TEXT_LINES = 8  # shot facts, subject, up to three caption lines, two dialogue lines, credit


@dataclass(frozen=True)
class _PageGeometry:
    page_w: float
    page_h: float
    columns: int
    rows: int
    cell_w: float
    cell_h: float
    image_w: float
    image_h: float
    text_beside: bool

    @classmethod
    def fit(cls, size: tuple[float, float], columns: int, rows: int, aspect: float) -> _PageGeometry:
        page_w, page_h = size
        cell_w = (page_w - 2 * _MARGIN - (columns - 1) * _GUTTER) / columns
        cell_h = (page_h - 2 * _MARGIN - _HEADER - _FOOTER - (rows - 1) * _GUTTER) / rows
        text_beside = columns == 1
        if text_beside:
            box_w, box_h = cell_w * 0.58, cell_h
        else:
            box_w, box_h = cell_w, cell_h - _TEXT_LINES * _LINE - 6
        image_w = min(box_w, box_h * aspect)
        return cls(page_w, page_h, columns, rows, cell_w, cell_h, max(image_w, 1), max(image_w / aspect, 1), text_beside)


@dataclass(frozen=True)
class _PlacedPanel:
    panel: BoardPanel
    label: str


def _grid(layout: str) -> tuple[int, int]:
    try:
        columns, rows = (int(part) for part in layout.lower().split("x"))
    except ValueError:
        columns = rows = 0
    if not (1 <= columns <= MAX_GRID and 1 <= rows <= MAX_GRID):
        raise SlatebookError(
            f"{layout!r} is not a storyboard layout.",
            "Write columns x rows, e.g. " + ", ".join(LAYOUTS) + ".",
        )
    return columns, rows


def _paginate(panels: Sequence[BoardPanel], per_page: int) -> list[list[_PlacedPanel]]:
    """Panels in order, a new page at each new scene; shots lettered within their scene."""
    pages: list[list[_PlacedPanel]] = []
    scene: str | None = None
    position = 0
    for panel in panels:
        key = panel.scene_number or panel.shot.scene_id
        if key != scene:
            scene, position = key, 0
            pages.append([])
        elif len(pages[-1]) == per_page:
            pages.append([])
        position += 1
        pages[-1].append(_PlacedPanel(panel, shot_label(panel.scene_number, position)))
    return pages


def _draw_page(canvas: Canvas, page: list[_PlacedPanel], g: _PageGeometry, *, title: str, project: str, number: int, total: int) -> None:
    first = page[0].panel
    top = g.page_h - _MARGIN
    canvas.setFillColor(_MUTED)
    canvas.setFont("Helvetica", 8.5)
    canvas.drawString(_MARGIN, top - 9, _fit(f"{project} \u2014 {title}" if project else title, "Helvetica", 8.5, g.page_w * 0.6))
    canvas.setFillColor(_INK)
    canvas.setFont("Helvetica-Bold", 15)
    scene = f"Scene {first.scene_number}" if first.scene_number else "Scene"
    canvas.drawString(_MARGIN, top - 28, scene)
    if first.scene_heading:
        canvas.setFont("Helvetica", 11)
        offset = canvas.stringWidth(scene, "Helvetica-Bold", 15) + 12
        canvas.drawString(_MARGIN + offset, top - 28, _fit(first.scene_heading.upper(), "Helvetica", 11, g.page_w - 2 * _MARGIN - offset - 120))
    shots = f"{len(page)} shot{'s' if len(page) != 1 else ''}, {sum(p.panel.shot.duration_s for p in page):.1f} s"
    canvas.setFont("Helvetica", 9)
    canvas.setFillColor(_MUTED)
    canvas.drawRightString(g.page_w - _MARGIN, top - 27, shots)
    canvas.setStrokeColor(_RULE)
    canvas.setLineWidth(0.6)
    canvas.line(_MARGIN, top - _HEADER + 8, g.page_w - _MARGIN, top - _HEADER + 8)
    for index, placed in enumerate(page):
        row, column = divmod(index, g.columns)
        # A frame narrower than its cell (a wide ratio on a tall grid) sits in the cell's middle.
        x = _MARGIN + column * (g.cell_w + _GUTTER) + (0 if g.text_beside else (g.cell_w - g.image_w) / 2)
        y_top = top - _HEADER - row * (g.cell_h + _GUTTER)
        _draw_panel(canvas, placed, g, x, y_top)
    canvas.setFont("Helvetica", 7.5)
    canvas.setFillColor(_MUTED)
    canvas.drawString(_MARGIN, _MARGIN - 6, "Slatebook storyboard")
    canvas.drawRightString(g.page_w - _MARGIN, _MARGIN - 6, f"Page {number} of {total}")


def _draw_panel(canvas: Canvas, placed: _PlacedPanel, g: _PageGeometry, x: float, y_top: float) -> None:
    panel, shot = placed.panel, placed.panel.shot
    image_y = y_top - g.image_h
    canvas.setFillColor(_FRAME_BG)
    canvas.setStrokeColor(_INK)
    canvas.setLineWidth(0.8)
    canvas.rect(x, image_y, g.image_w, g.image_h, stroke=0, fill=1)
    if panel.png:
        _draw_contained(canvas, panel.png, x, image_y, g.image_w, g.image_h)
    else:
        canvas.setFillColor(HexColor("#9a9aa0"))
        canvas.setFont("Helvetica", 9)
        canvas.drawCentredString(x + g.image_w / 2, image_y + g.image_h / 2 - 3, "No frame yet")
    canvas.rect(x, image_y, g.image_w, g.image_h, stroke=1, fill=0)
    if g.text_beside:
        text_x, text_y, text_w = x + g.image_w + 14, y_top - 2, g.cell_w - g.image_w - 14
        max_caption, max_dialogue = 12, 6
    else:
        text_x, text_y, text_w = x, image_y - 4, g.image_w
        max_caption, max_dialogue = 3, 2
    lens = f", {shot.lens_mm} mm" if shot.lens_mm else ""
    meta = f"{shot.size.value} \u00b7 {shot.angle} \u00b7 {shot.movement}{lens}"
    y = text_y - 9
    # The shot label leads the facts line, off the frame, so it never hides part of the picture.
    label_w = canvas.stringWidth(placed.label, "Helvetica-Bold", 8.5) + 8
    canvas.setFillColor(_LABEL_BG)
    canvas.roundRect(text_x, y - 3, label_w, 12, 2, stroke=0, fill=1)
    canvas.setFillColor(Color(1, 1, 1))
    canvas.setFont("Helvetica-Bold", 8.5)
    canvas.drawString(text_x + 4, y, placed.label)
    canvas.setFillColor(_INK)
    canvas.drawString(text_x + label_w + 5, y, _fit(meta, "Helvetica-Bold", 8.5, text_w - label_w - 45))
    canvas.setFont("Helvetica", 8.5)
    canvas.drawRightString(text_x + text_w, y, f"{shot.duration_s:g} s")
    if shot.subject:
        y -= _LINE
        canvas.setFillColor(_MUTED)
        canvas.setFont("Helvetica", 8)
        canvas.drawString(text_x, y, _fit(shot.subject, "Helvetica", 8, text_w))
    caption = (panel.caption or shot.action).strip()
    canvas.setFillColor(_INK)
    for line in _wrap(caption, "Helvetica", 8.5, text_w, max_caption):
        y -= _LINE
        canvas.setFont("Helvetica", 8.5)
        canvas.drawString(text_x, y, line)
    if shot.dialogue.strip():
        canvas.setFillColor(HexColor("#3a3a40"))
        for line in _wrap(f"\u201c{shot.dialogue.strip()}\u201d", "Helvetica-Oblique", 8.5, text_w, max_dialogue):
            y -= _LINE
            canvas.setFont("Helvetica-Oblique", 8.5)
            canvas.drawString(text_x, y, line)
    if panel.credit:
        # Under the text, not on the frame: a sketch already carries its own stamp there.
        canvas.setFillColor(_MUTED)
        canvas.setFont("Helvetica", 6.5)
        canvas.drawString(text_x, y - _LINE + 1, _fit(panel.credit, "Helvetica", 6.5, text_w))


def _draw_contained(canvas: Canvas, png: bytes, x: float, y: float, w: float, h: float) -> None:
    try:
        reader = ImageReader(io.BytesIO(png))
        iw, ih = reader.getSize()
    except Exception as exc:  # reportlab raises bare exceptions for undecodable images
        raise SlatebookError(
            "A storyboard frame is not a readable image.", "Regenerate that frame, then export again."
        ) from exc
    scale = min(w / iw, h / ih)
    dw, dh = iw * scale, ih * scale
    canvas.drawImage(reader, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh)


def _wrap(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    lines = simpleSplit(" ".join(text.split()), font, size, width) if text.strip() else []
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _fit(lines[-1] + " \u2026", font, size, width, force_ellipsis=True)
    return lines


def _fit(text: str, font: str, size: float, width: float, *, force_ellipsis: bool = False) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width and not (force_ellipsis and not text.endswith("\u2026")):
        return text
    text = text.removesuffix(" \u2026")
    while text and stringWidth(text + "\u2026", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


# --- animatic


def animatic(
    frames: Sequence[AnimaticFrame | tuple[bytes, float]],
    fmt: Literal["gif", "mp4"] = "gif",
    *,
    width: int = 960,
) -> bytes:
    """An animatic: each frame held for its duration, letterboxed to the first frame's shape.

    GIF keeps each frame's duration exactly (to 10 ms); MP4 is H.264 at 24 fps,
    each duration rounded to the nearest frame, and plays in any browser or editor.
    """
    items = [f if isinstance(f, AnimaticFrame) else AnimaticFrame(png=f[0], duration_s=f[1]) for f in frames]
    if not items:
        raise SlatebookError("There are no frames for the animatic.", "Generate frames for the scene's shots first.")
    if sum(f.duration_s for f in items) > MAX_ANIMATIC_SECONDS:
        raise SlatebookError(
            f"The animatic would run over {MAX_ANIMATIC_SECONDS // 60} minutes.",
            "Export one scene or sequence at a time.",
        )
    first = _open(items[0].png)
    height = max(2, round(width * first.height / first.width / 2) * 2)
    width = max(2, width // 2 * 2)
    pictures = [_letterbox(_open(f.png), width, height, f.caption) for f in items]
    if fmt == "gif":
        return _gif(pictures, [f.duration_s for f in items])
    if fmt == "mp4":
        return _mp4(pictures, [f.duration_s for f in items], width, height)
    raise SlatebookError(f"{fmt!r} is not an animatic format.", "Choose gif or mp4.")


def _gif(pictures: list[Image.Image], durations: list[float]) -> bytes:
    import imageio.v3 as iio

    # GIF counts in hundredths of a second; imageio's pillow plugin takes milliseconds.
    stack = np.stack([np.asarray(p) for p in pictures])
    return iio.imwrite(
        "<bytes>", stack, extension=".gif", duration=[max(20, round(d * 100) * 10) for d in durations], loop=0
    )


def _mp4(pictures: list[Image.Image], durations: list[float], width: int, height: int) -> bytes:
    import imageio_ffmpeg

    handle, path = tempfile.mkstemp(suffix=".mp4")
    os.close(handle)
    try:
        writer = imageio_ffmpeg.write_frames(
            path,
            (width, height),
            fps=ANIMATIC_FPS,
            codec="libx264",
            macro_block_size=2,
            quality=None,
            output_params=["-crf", "23", "-preset", "veryfast", "-tune", "stillimage", "-movflags", "+faststart"],
            ffmpeg_log_level="error",
        )
        writer.send(None)
        for picture, seconds in zip(pictures, _frame_counts(durations), strict=True):
            data = np.ascontiguousarray(np.asarray(picture))
            for _ in range(seconds):
                writer.send(data)
        writer.close()
        return Path(path).read_bytes()
    except (OSError, RuntimeError) as exc:
        raise SlatebookError(
            f"The MP4 animatic could not be encoded ({exc}).", "Export a GIF instead, or check that ffmpeg runs."
        ) from exc
    finally:
        Path(path).unlink(missing_ok=True)


def _frame_counts(durations: Iterable[float]) -> list[int]:
    """Frames per shot at 24 fps, rounding on the running total so the cut points never drift."""
    counts, elapsed, shown = [], 0.0, 0
    for seconds in durations:
        elapsed += seconds
        end = max(shown + 1, round(elapsed * ANIMATIC_FPS))
        counts.append(end - shown)
        shown = end
    return counts


def _letterbox(picture: Image.Image, width: int, height: int, caption: str) -> Image.Image:
    canvas = Image.new("RGB", (width, height), (0, 0, 0))
    scale = min(width / picture.width, height / picture.height)
    size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
    canvas.paste(picture.resize(size, Image.Resampling.LANCZOS), ((width - size[0]) // 2, (height - size[1]) // 2))
    if caption.strip():
        _subtitle(canvas, caption.strip())
    return canvas


def _subtitle(picture: Image.Image, caption: str) -> None:
    draw = ImageDraw.Draw(picture, "RGBA")
    font = _font(max(12, picture.height // 24))
    lines = _wrap_pixels(draw, caption, font, picture.width * 0.86)[:2]
    line_h = font.size * 1.3
    y = picture.height - 12 - line_h * len(lines)
    draw.rectangle([0, y - 8, picture.width, picture.height], fill=(0, 0, 0, 150))
    for line in lines:
        w = draw.textlength(line, font=font)
        draw.text(((picture.width - w) / 2, y), line, font=font, fill=(255, 255, 255))
        y += line_h


# --- moodboard PNG


def moodboard_png(
    images: Sequence[bytes],
    palette: Sequence[str],
    title: str,
    *,
    subtitle: str = "",
    width: int = 1600,
) -> bytes:
    """One PNG board: a title, the images in justified rows, and the palette as labelled swatches."""
    if not images:
        raise SlatebookError("The moodboard has no images to lay out.", "Pin at least one image to the board.")
    if not 600 <= width <= 6000:
        raise SlatebookError(f"A board {width} px wide is not supported.", "Use a width from 600 to 6000 px.")
    pictures = [_open(data) for data in images]
    margin, gap = round(width * 0.035), max(6, width // 160)
    inner = width - 2 * margin
    title_font, sub_font, hex_font = _font(round(width * 0.028), bold=True), _font(round(width * 0.012)), _font(round(width * 0.0105))
    rows = _justified_rows([p.width / p.height for p in pictures], inner, gap, target=width * 0.2)
    title_h = round(title_font.size * 1.25) + (round(sub_font.size * 1.7) if subtitle else 0)
    grid_h = sum(h for _, h in rows) + gap * (len(rows) - 1)
    swatch_h = round(width * 0.06) if palette else 0
    palette_h = swatch_h + round(hex_font.size * 2.4) + round(sub_font.size * 2) if palette else 0
    height = margin + title_h + margin // 2 + grid_h + (margin // 2 + palette_h if palette else 0) + margin
    board = Image.new("RGB", (width, height), (246, 244, 240))
    draw = ImageDraw.Draw(board)
    ink, muted = (28, 28, 30), (110, 110, 116)
    y = margin
    draw.text((margin, y), _clip_pixels(draw, title, title_font, inner), font=title_font, fill=ink)
    y += round(title_font.size * 1.25)
    if subtitle:
        draw.text((margin, y + round(sub_font.size * 0.4)), _clip_pixels(draw, subtitle, sub_font, inner), font=sub_font, fill=muted)
    y = margin + title_h + margin // 2
    index = 0
    for count, row_h in rows:
        x = margin
        for picture in pictures[index : index + count]:
            w = round(picture.width * row_h / picture.height)
            board.paste(picture.resize((max(1, w), row_h), Image.Resampling.LANCZOS), (x, y))
            x += w + gap
        index += count
        y += row_h + gap
    if palette:
        y += margin // 2 - gap
        draw.text((margin, y), "PALETTE", font=sub_font, fill=muted)
        y += round(sub_font.size * 2)
        swatch_w = (inner - gap * (len(palette) - 1)) / len(palette)
        for i, swatch in enumerate(palette):
            x0 = margin + i * (swatch_w + gap)
            draw.rectangle([x0, y, x0 + swatch_w, y + swatch_h], fill=hex_to_rgb(swatch), outline=(214, 212, 208))
            draw.text((x0, y + swatch_h + round(hex_font.size * 0.6)), swatch.lower(), font=hex_font, fill=ink)
    out = io.BytesIO()
    board.save(out, "PNG")
    return out.getvalue()


def _justified_rows(aspects: list[float], inner: int, gap: int, target: float) -> list[tuple[int, int]]:
    """Rows of (image count, height) filling the width, as photo sites lay out mixed shapes."""
    counts, start = [], 0
    while start < len(aspects):
        end, total = start, 0.0
        while end < len(aspects):
            total += aspects[end]
            end += 1
            if _row_height(aspects[start:end], inner, gap) <= target:
                break
        counts.append(end - start)
        start = end
    # A short last row is stretched to the full width when that keeps it near the
    # others, else joined to the row above; only a lone small row stays ragged.
    if len(counts) > 1 and _row_height(aspects[-counts[-1]:], inner, gap) > target * 1.6:
        joined = aspects[-(counts[-1] + counts[-2]):]
        if _row_height(joined, inner, gap) >= target * 0.6:
            counts[-2:] = [counts[-2] + counts[-1]]
    rows, start = [], 0
    for count in counts:
        height = _row_height(aspects[start : start + count], inner, gap)
        rows.append((count, round(min(height, target * 1.6))))
        start += count
    return rows


def _row_height(aspects: list[float], inner: int, gap: int) -> float:
    return (inner - gap * (len(aspects) - 1)) / sum(aspects)


# --- shared image helpers


def _open(data: bytes) -> Image.Image:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return image.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise SlatebookError("A board image is not a readable PNG or JPEG.", "Regenerate or re-upload that image.") from exc


_FONT_FILES = {
    False: ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "reportlab:Vera.ttf"],
    True: ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "reportlab:VeraBd.ttf"],
}


def _font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    import reportlab

    for name in _FONT_FILES[bold]:
        path = Path(reportlab.__file__).parent / "fonts" / name.split(":", 1)[1] if name.startswith("reportlab:") else Path(name)
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _wrap_pixels(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    return lines + ([line] if line else [])


def _clip_pixels(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: float) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "\u2026", font=font) > width:
        text = text[:-1]
    return text + "\u2026"
