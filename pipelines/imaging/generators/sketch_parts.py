"""What a layout sketch is drawn from: tones for the time of day, the set, people, camera arrows."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from PIL import ImageColor, ImageDraw


@dataclass(frozen=True)
class Tones:
    sky: str  # the sky outside, or the back wall inside
    ground: str  # the ground, or the floor
    far: str  # distant shapes: skyline, hills, furniture
    figure: str
    rim: str  # the edge light that separates a figure from a dark set
    guide: str
    bar: str
    bar_text: str
    chip: str
    chip_text: str
    stamp: str
    stamp_text: str
    swatches: tuple[str, ...]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return ImageColor.getrgb(hex_colour)[:3]


def _hex(rgb) -> str:
    return "#%02x%02x%02x" % tuple(max(0, min(255, round(c))) for c in rgb)


def _mix(a: str, b: str, t: float) -> str:
    ra, rb = _rgb(a), _rgb(b)
    return _hex([x + (y - x) * t for x, y in zip(ra, rb)])


def _luma(hex_colour: str) -> float:
    r, g, b = _rgb(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


DAY = ("#e4e9ec", "#cdc5b6", "#a9acae", "#3b3f47")
NIGHT = ("#1f2a38", "#2c3441", "#3a4556", "#0c0f14")
DUSK = ("#e7b98c", "#6e5d62", "#8a6f73", "#2a2228")


def tones_for(palette: list[str], int_ext: str, day_night: str) -> Tones:
    """Night is dark with lit edges, day is pale paper, dusk is warm; a sequence
    palette, when there is one, tints the set so the boards share its colour."""
    time_of_day = day_night.upper()
    night = any(w in time_of_day for w in ("NIGHT", "EVENING", "LATE"))
    dusk = any(w in time_of_day for w in ("DUSK", "DAWN", "SUNSET", "SUNRISE", "MAGIC", "TWILIGHT"))
    sky, ground, far, figure = NIGHT if night else DUSK if dusk else DAY
    interior = int_ext.upper().startswith("INT") and not int_ext.upper().startswith("INT/")
    if interior:  # walls are flatter and closer in value than a sky
        sky, far = _mix(sky, ground, 0.35), _mix(far, ground, 0.3)
    if palette:
        by_light = sorted(palette, key=_luma)
        darkest, lightest, middle = by_light[0], by_light[-1], by_light[len(by_light) // 2]
        tint = 0.35
        sky = _mix(sky, darkest if night else lightest, tint)
        ground = _mix(ground, middle, tint)
        far = _mix(far, middle, tint * 0.8)
        figure = _mix(figure, darkest, 0.25)
    rim = "#9fb3c8" if night else _mix(figure, "#ffffff", 0.2)
    dark = night or _luma(sky) < 110
    return Tones(
        sky=sky,
        ground=ground,
        far=far,
        figure=figure,
        rim=rim,
        guide=_mix(sky, "#ffffff" if dark else "#000000", 0.28),
        bar="#15171b" if dark else "#f4f1ea",
        bar_text="#e8e6e1" if dark else "#202226",
        chip="#000000" if dark else "#ffffff",
        chip_text="#f0f0f0" if dark else "#1c1c1c",
        stamp="#b3261e",
        stamp_text="#ffffff",
        swatches=tuple(palette) if palette else (sky, far, ground, figure),
    )


def draw_set(draw: ImageDraw.ImageDraw, int_ext: str, tones: Tones, w: int, h: int,
             horizon: float | None, seed: int, wide: bool) -> None:
    """Sky and ground outside, wall and floor inside, split at the horizon;
    wide shots get a skyline or a window so the place reads."""
    rng = random.Random(seed)
    interior = int_ext.upper().startswith("INT") and "/" not in int_ext
    if horizon is None:  # overhead: all floor, with boards or paving lines for scale
        draw.rectangle([0, 0, w, h], fill=tones.ground)
        step = max(8, w // 12)
        for x in range(step // 2, w, step):
            draw.line([(x, 0), (x, h)], fill=tones.far, width=max(1, w // 400))
        return
    y = max(0.0, min(float(h), horizon))
    if interior:
        draw.rectangle([0, 0, w, y], fill=tones.sky)
        draw.rectangle([0, y, w, h], fill=tones.ground)
        # Floor boards converge on a vanishing point on the horizon: the eye reads depth.
        vx = w * (0.4 + 0.2 * rng.random())
        for i in range(-6, 7):
            draw.line([(vx, y), (vx + i * w * 0.25, h * 1.6)], fill=tones.far, width=max(1, w // 500))
        if wide:  # a window and a door on the back wall
            win_w, win_h = w * 0.16, max(h * 0.05, (y - h * 0.05) * 0.45)
            wx = w * (0.12 + 0.5 * rng.random())
            top = max(h * 0.04, y - win_h * 1.6)
            draw.rectangle([wx, top, wx + win_w, top + win_h], outline=tones.far, width=max(2, w // 250))
            draw.line([(wx + win_w / 2, top), (wx + win_w / 2, top + win_h)], fill=tones.far, width=max(1, w // 400))
            dx = w * 0.82 if wx < w * 0.5 else w * 0.08
            draw.rectangle([dx, y - min(y * 0.75, h * 0.45), dx + w * 0.08, y], fill=tones.far)
        draw.line([(0, y), (w, y)], fill=tones.far, width=max(1, w // 300))
        return
    draw.rectangle([0, 0, w, y], fill=tones.sky)
    draw.rectangle([0, y, w, h], fill=tones.ground)
    if wide:  # a skyline of low blocks or hills along the horizon
        x = 0.0
        while x < w:
            block_w = w * (0.04 + 0.08 * rng.random())
            block_h = h * (0.02 + 0.1 * rng.random())
            draw.rectangle([x, y - block_h, x + block_w, y], fill=tones.far)
            x += block_w + w * 0.01 * rng.random()
    draw.line([(0, y), (w, y)], fill=tones.far, width=max(1, w // 300))


def draw_figure(draw: ImageDraw.ImageDraw, cx: float, top: float, body: float, tones: Tones,
                facing: int = 1, detail: bool = False, back: bool = False) -> None:
    """A standing person, `body` pixels from head to feet, head top at `top`.
    Proportions follow the eight-heads canon, simplified: head 0.13, shoulders
    0.17, hips 0.52 of the height."""
    b = body
    fill = tones.figure if not back else _mix(tones.figure, tones.far, 0.35)
    rim = tones.rim
    edge = max(1, int(b * 0.006))

    def ellipse(x0, y0, x1, y1):
        draw.ellipse([cx + x0 * b, top + y0 * b, cx + x1 * b, top + y1 * b], fill=fill, outline=rim, width=edge)

    def poly(points):
        draw.polygon([(cx + x * b, top + y * b) for x, y in points], fill=fill, outline=rim, width=edge)

    # Legs, arms, torso, then head on top, so outlines of joins stay hidden.
    poly([(-0.09, 0.5), (-0.01, 0.5), (-0.015, 1.0), (-0.075, 1.0)])
    poly([(0.01, 0.5), (0.09, 0.5), (0.075, 1.0), (0.015, 1.0)])
    poly([(-0.125, 0.18), (-0.085, 0.2), (-0.11, 0.49), (-0.15, 0.49)])
    poly([(0.125, 0.18), (0.085, 0.2), (0.11, 0.49), (0.15, 0.49)])
    poly([(-0.13, 0.19), (-0.07, 0.155), (0.07, 0.155), (0.13, 0.19), (0.1, 0.46), (0.095, 0.53),
          (-0.095, 0.53), (-0.1, 0.46)])
    ellipse(-0.028, 0.11, 0.028, 0.17)  # neck
    ellipse(-0.052, 0.0, 0.052, 0.13)  # head
    # No outline where the head meets the neck: redraw the join in the body colour.
    draw.rectangle([cx - 0.024 * b, top + 0.118 * b, cx + 0.024 * b, top + 0.175 * b], fill=fill)
    if detail and not back:
        # Close shots need a look: eyes (and a nose) turned toward frame centre give the eye line.
        eye_y = top + 0.062 * b
        r = 0.0045 * b
        for dx in (-0.02, 0.02):
            x = cx + (dx + 0.008 * facing) * b
            draw.ellipse([x - r * 2, eye_y - r, x + r * 2, eye_y + r], fill=rim)
            draw.ellipse([x + facing * r * 0.6 - r * 0.8, eye_y - r * 0.8, x + facing * r * 0.6 + r * 0.8,
                          eye_y + r * 0.8], fill=fill)
        nose_x = cx + 0.012 * facing * b
        draw.line([(nose_x, eye_y + 0.012 * b), (nose_x + 0.006 * facing * b, eye_y + 0.03 * b),
                   (nose_x - 0.002 * facing * b, eye_y + 0.033 * b)], fill=rim, width=max(1, edge // 2))


def draw_overhead_figure(draw: ImageDraw.ImageDraw, cx: float, cy: float, size: float, tones: Tones) -> None:
    """A person seen from straight above: shoulders and a head."""
    edge = max(1, int(size * 0.03))
    draw.ellipse([cx - size * 0.5, cy - size * 0.2, cx + size * 0.5, cy + size * 0.2], fill=tones.figure,
                 outline=tones.rim, width=edge)
    draw.ellipse([cx - size * 0.18, cy - size * 0.2, cx + size * 0.18, cy + size * 0.2], fill=tones.figure,
                 outline=tones.rim, width=edge)


MOVES = {
    "pan": ("pan",),
    "tilt": ("tilt",),
    "in": ("push in", "dolly in", "zoom in", "push-in", "track in", "creep in"),
    "out": ("pull back", "pull out", "dolly out", "zoom out", "track out", "pull-back"),
    "track": ("track", "truck", "dolly", "follow", "steadicam", "tracking"),
    "crane": ("crane", "jib", "boom", "pedestal", "rise"),
    "handheld": ("handheld", "hand-held"),
}


def move_kind(movement: str) -> str:
    text = movement.lower()
    for kind in ("in", "out", "pan", "tilt", "crane", "track", "handheld"):
        if any(word in text for word in MOVES[kind]):
            return kind
    return "static"


def _arrow(draw: ImageDraw.ImageDraw, start, end, colour: str, width: int) -> None:
    draw.line([start, end], fill=colour, width=width)
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    head = width * 4
    for side in (-0.5, 0.5):
        a = angle + math.pi + side
        draw.line([end, (end[0] + head * math.cos(a), end[1] + head * math.sin(a))], fill=colour, width=width)


def draw_camera_move(draw: ImageDraw.ImageDraw, movement: str, w: int, h: int, colour: str, s: int) -> None:
    """Storyboard arrows for the camera move: across for a pan or track, up for a
    tilt or crane, corner arrows pointing in (push in) or out (pull back)."""
    kind = move_kind(movement)
    width = 3 * s
    colour = "#f2c14e"  # one warm accent, readable on day and night sets alike
    if kind in ("pan", "track"):
        y = h * 0.88
        _arrow(draw, (w * 0.3, y), (w * 0.7, y), colour, width)
        if kind == "track":
            _arrow(draw, (w * 0.3, y + width * 3), (w * 0.7, y + width * 3), colour, width)
    elif kind in ("tilt", "crane"):
        x = w * 0.93
        _arrow(draw, (x, h * 0.7), (x, h * 0.3), colour, width)
    elif kind in ("in", "out"):
        for fx, fy in ((0.1, 0.14), (0.9, 0.14), (0.1, 0.86), (0.9, 0.86)):
            corner = (w * fx, h * fy)
            inner = (w * (fx + (0.5 - fx) * 0.25), h * (fy + (0.5 - fy) * 0.25))
            _arrow(draw, corner if kind == "in" else inner, inner if kind == "in" else corner, colour, width)
    elif kind == "handheld":
        y = h * 0.88
        points = [(w * (0.3 + 0.4 * i / 16), y + (width * 2 if i % 2 else -width * 2)) for i in range(17)]
        draw.line(points, fill=colour, width=width)
