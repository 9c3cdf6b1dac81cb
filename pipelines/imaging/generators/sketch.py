"""The offline default: a layout sketch of the shot, drawn with Pillow.

A storyboard artist's first pass, not a picture: how much of a person the
shot size shows (ECU eyes ... EWS a speck in the landscape), where the people
stand (thirds), where the horizon sits for the angle, the sequence's palette
and its INT/EXT DAY/NIGHT tone, arrows for the camera move, and a caption.
Every panel is stamped "layout sketch, not AI-generated". The same spec
always gives the same bytes.
"""

from __future__ import annotations

import io
import time

from PIL import Image, ImageDraw, ImageFont

from pipelines.imaging.generators.base import FrameSpec, GeneratedImage, StepCallback
from pipelines.imaging.generators.sketch_parts import (
    Tones,
    draw_camera_move,
    draw_figure,
    draw_overhead_figure,
    draw_set,
    tones_for,
)
from studio.models.imaging import ShotSize

STAMP = "layout sketch, not AI-generated"
SUPERSAMPLE = 2  # draw at twice the size and shrink: smooth edges without an antialiasing library
# How much of a standing figure, from the top of the head, the frame shows.
VISIBLE_BODY = {
    ShotSize.ECU: 0.085,  # the eyes and brow
    ShotSize.CU: 0.2,  # head and a little shoulder
    ShotSize.MCU: 0.3,  # cut at the chest
    ShotSize.MS: 0.5,  # cut at the waist
    ShotSize.MWS: 0.72,  # cut at the knees ("cowboy")
    ShotSize.WS: 1.0,  # head to toe with room
    ShotSize.EWS: 1.0,
}
HEADROOM = {ShotSize.ECU: -0.02, ShotSize.CU: 0.06, ShotSize.MCU: 0.08, ShotSize.MS: 0.1,
            ShotSize.MWS: 0.1, ShotSize.WS: 0.12, ShotSize.EWS: 0.0}
EYE_LINE = 0.065  # eyes sit this far down a body's height from the top of the head


class SketchGenerator:
    name = "sketch"

    def __init__(self, **_options) -> None:
        pass

    def generate(self, spec: FrameSpec, on_step: StepCallback | None = None) -> GeneratedImage:
        started = time.perf_counter()
        image = render_sketch(spec)
        if on_step is not None:
            on_step(1, 1)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return GeneratedImage(
            png=buffer.getvalue(),
            width=image.width,
            height=image.height,
            backend="sketch",
            model_id="slatebook-layout-sketch",
            model_revision="1",
            licence="drawn by Slatebook (no model)",
            commercial_use=True,
            ai_generated=False,
            parameters={
                "seed": spec.seed,
                "width": spec.width,
                "height": spec.height,
                "shot_size": (spec.shot_size or ShotSize.MS).value,
                "angle": spec.angle,
                "movement": spec.movement,
                "subjects": list(spec.subjects),
            },
            seconds=round(time.perf_counter() - started, 4),
        )


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=max(8, size))


def _angle_kind(angle: str) -> str:
    text = angle.lower()
    for kind, words in (
        ("overhead", ("overhead", "bird", "top", "god's eye", "top-down")),
        ("dutch", ("dutch", "canted", "tilted")),
        ("low", ("low", "worm")),
        ("high", ("high",)),
    ):
        if any(w in text for w in words):
            return kind
    return "eye"


def render_sketch(spec: FrameSpec) -> Image.Image:
    width, height = spec.width, spec.height
    s = SUPERSAMPLE
    tones = tones_for(spec.palette, spec.int_ext, spec.day_night)
    bar = _caption_height(width, height)
    scene_h = height - bar
    scene = Image.new("RGB", (width * s, scene_h * s), tones.sky)
    _compose(ImageDraw.Draw(scene), spec, tones, width * s, scene_h * s)
    if _angle_kind(spec.angle) == "dutch":
        scene = _tilt(scene, tones)
    draw = ImageDraw.Draw(scene)
    draw_camera_move(draw, spec.movement, width * s, scene_h * s, tones.guide, s)
    _guides(draw, width * s, scene_h * s, tones, s)
    scene = scene.resize((width, scene_h), Image.LANCZOS)

    panel = Image.new("RGB", (width, height), tones.bar)
    panel.paste(scene, (0, 0))
    draw = ImageDraw.Draw(panel)
    _labels(draw, spec, tones, width, scene_h)
    _caption(draw, spec, tones, width, scene_h, bar)
    return panel


def _caption_height(width: int, height: int) -> int:
    return max(22, min(int(height * 0.16), int(width * 0.09)))


def _compose(draw: ImageDraw.ImageDraw, spec: FrameSpec, tones: Tones, w: int, h: int) -> None:
    size = spec.shot_size or ShotSize.MS
    kind = _angle_kind(spec.angle)
    subjects = spec.subjects[:4]
    if kind == "overhead":
        draw_set(draw, spec.int_ext, tones, w, h, horizon=None, seed=spec.seed, wide=size in (ShotSize.WS, ShotSize.EWS))
        body = _body_height(size, h) * (0.5 if size in (ShotSize.WS, ShotSize.EWS) else 1.0)
        for x, y, scale, _name in _overhead_places(len(subjects), w, h):
            draw_overhead_figure(draw, x, y, body * scale * 0.35, tones)
        return

    body = _body_height(size, h)
    if size in (ShotSize.MS, ShotSize.MWS, ShotSize.WS):
        # Tall frames (9:16) would make a waist-up figure wider than the frame: keep the shoulders
        # (about a quarter of the height) inside each person's share of the width. Closer shots
        # may cut the shoulders, as vertical close-ups do.
        front = min(2, max(1, len(subjects)))
        body = min(body, w * (2.9 if front == 1 else 1.9))
    head_top = _head_top(size, h, body)
    horizon = _horizon(kind, size, h, head_top, body)
    draw_set(draw, spec.int_ext, tones, w, h, horizon=horizon, seed=spec.seed,
             wide=size in (ShotSize.WS, ShotSize.EWS, ShotSize.MWS))
    facing_cx = w / 2
    for x, depth, name in sorted(_places(len(subjects), w), key=lambda p: -p[1]):  # back rows first, front rows over them
        scale = 1.0 - 0.28 * depth  # people further back are smaller...
        figure = body * scale
        # ...and, at eye level, their eyes stay on the horizon (same height, same eye line).
        top = (horizon - EYE_LINE * figure) if kind == "eye" and horizon is not None else head_top + (body - figure) * 0.1
        if size == ShotSize.EWS:
            top = horizon - EYE_LINE * figure + depth * figure * 0.4
        draw_figure(draw, x, top, figure, tones, facing=1 if x < facing_cx else -1,
                    detail=size in (ShotSize.ECU, ShotSize.CU, ShotSize.MCU), back=depth > 0)


def _body_height(size: ShotSize, h: int) -> float:
    if size == ShotSize.EWS:
        return h * 0.13
    return h * (1 - max(HEADROOM[size], 0)) / VISIBLE_BODY[size]


def _head_top(size: ShotSize, h: int, body: float) -> float:
    if size == ShotSize.ECU:
        return -0.022 * body  # cut through the forehead, eyes on the upper third
    return HEADROOM[size] * h


def _horizon(kind: str, size: ShotSize, h: int, head_top: float, body: float) -> float | None:
    if size == ShotSize.EWS:
        return {"low": 0.78, "high": 0.2}.get(kind, 0.55) * h
    eye = head_top + EYE_LINE * body
    if kind == "low":  # camera below the eyes: the horizon drops, people loom
        return min(h * 0.9, head_top + 0.45 * body)
    if kind == "high":  # camera above: the horizon rises over their heads
        return max(h * 0.06, head_top - 0.12 * h)
    return eye  # camera at eye height: the horizon runs through every standing person's eyes


def _places(count: int, w: int) -> list[tuple[float, float, str]]:
    """(x, depth, role) per subject: the thirds for the first two, further back for three and four."""
    third = w / 3
    layouts = {
        0: [],
        1: [(third, 0.0, "single")],
        2: [(third * 0.95, 0.0, "left"), (third * 2.05, 0.0, "right")],
        3: [(third * 0.85, 0.0, "left"), (third * 2.15, 0.0, "right"), (w * 0.5, 0.6, "back")],
        4: [(third * 0.8, 0.0, "left"), (third * 2.2, 0.0, "right"), (w * 0.38, 0.7, "back"), (w * 0.62, 0.7, "back")],
    }
    return layouts[min(count, 4)]


def _overhead_places(count: int, w: int, h: int) -> list[tuple[float, float, float, str]]:
    spots = [(w / 3, h / 2), (w * 2 / 3, h / 2), (w / 2, h / 3), (w / 2, h * 2 / 3)]
    return [(x, y, 1.0, "") for x, y in spots[: min(count, 4)]]


def _tilt(scene: Image.Image, tones: Tones) -> Image.Image:
    # Dutch angle: rotate the set and people, keep the frame; rotate a bigger copy so no corners show.
    w, h = scene.size
    grown = scene.resize((int(w * 1.3), int(h * 1.3)), Image.BICUBIC).rotate(12, resample=Image.BICUBIC,
                                                                              fillcolor=tones.sky)
    left, top = (grown.width - w) // 2, (grown.height - h) // 2
    return grown.crop((left, top, left + w, top + h))


def _guides(draw: ImageDraw.ImageDraw, w: int, h: int, tones: Tones, s: int) -> None:
    """Thirds lines and the title-safe frame, thin and dashed like an artist's construction lines."""
    dash, gap = 6 * s, 6 * s
    for i in (1, 2):
        x, y = w * i / 3, h * i / 3
        for start in range(0, h, dash + gap):
            draw.line([(x, start), (x, min(start + dash, h))], fill=tones.guide, width=s)
        for start in range(0, w, dash + gap):
            draw.line([(start, y), (min(start + dash, w), y)], fill=tones.guide, width=s)
    inset_x, inset_y = w * 0.05, h * 0.05
    draw.rectangle([inset_x, inset_y, w - inset_x, h - inset_y], outline=tones.guide, width=s)


def _chip(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, font, fg: str, bg: str,
          anchor_right: bool = False) -> None:
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    pad = max(2, font.size // 4)
    w, h = right - left + 2 * pad, bottom - top + 2 * pad
    x, y = xy
    if anchor_right:
        x -= w
    draw.rectangle([x, y, x + w, y + h], fill=bg)
    draw.text((x + pad - left, y + pad - top), text, font=font, fill=fg)


def _labels(draw: ImageDraw.ImageDraw, spec: FrameSpec, tones: Tones, w: int, scene_h: int) -> None:
    size = spec.shot_size or ShotSize.MS
    font = _font(int(min(w, scene_h * 1.6) / 40))
    margin = max(4, w // 100)
    shot = f"{size.value}  {size.spoken}"
    if spec.angle and spec.angle.lower() != "eye level":
        shot += f" · {spec.angle}"
    _chip(draw, (margin, margin), shot, font, tones.chip_text, tones.chip)
    _chip(draw, (w - margin, margin), STAMP, font, tones.stamp_text, tones.stamp, anchor_right=True)
    names = spec.subjects[:4]
    if names:
        places = _places(len(names), w) if _angle_kind(spec.angle) != "overhead" else [
            (x, 0.0, "") for x, _y, _s, _n in _overhead_places(len(names), w, scene_h)]
        name_font = _font(int(font.size * 1.05))
        for (x, _depth, _role), name in zip(places, names):
            text = name.upper()[:18]
            width = draw.textlength(text, font=name_font)
            _chip(draw, (max(margin, min(w - width - margin * 3, x - width / 2)), scene_h - margin - name_font.size * 1.6),
                  text, name_font, tones.chip_text, tones.chip)
    extra = len(spec.subjects) - 4
    if extra > 0:
        _chip(draw, (w - margin, scene_h - margin - font.size * 1.6), f"+{extra} more in frame", font,
              tones.chip_text, tones.chip, anchor_right=True)


def _caption(draw: ImageDraw.ImageDraw, spec: FrameSpec, tones: Tones, w: int, top: int, bar: int) -> None:
    font = _font(int(bar * 0.36))
    margin = max(4, w // 80)
    swatches = spec.palette[:8] or list(tones.swatches)
    sw = max(6, int(bar * 0.42))
    x_end = w - margin
    for colour in reversed(swatches):
        draw.rectangle([x_end - sw, top + (bar - sw) // 2, x_end, top + (bar + sw) // 2], fill=colour,
                       outline=tones.bar_text)
        x_end -= sw + 2
    slug = " ".join(p for p in (spec.int_ext.upper(), spec.day_night.upper()) if p)
    text = "  ·  ".join(p for p in (slug, spec.caption or spec.prompt) if p)
    if spec.movement and spec.movement.lower() not in ("static", "locked off", ""):
        text += f"  [{spec.movement}]"
    room = x_end - margin * 2
    lines = _wrap(draw, text, font, room, 2 if bar >= 34 else 1)
    line_h = font.size * 1.15
    y = top + (bar - line_h * len(lines)) / 2
    for line in lines:
        draw.text((margin, y), line, font=font, fill=tones.bar_text)
        y += line_h


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, room: float, max_lines: int) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= room:
            current = trial
            continue
        if current:
            lines.append(current)
        current = word
        if len(lines) == max_lines:
            break
    if current and len(lines) < max_lines:
        lines.append(current)
    if len(lines) == max_lines and " ".join(lines) != " ".join(words):
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > room:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines
