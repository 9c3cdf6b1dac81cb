"""Colour palettes: 5 to 8 swatches for an image, and one palette for a whole board.

Colours are clustered with k-means in CIELAB, where equal distances look like
equal differences, so the swatches are the colours a person would name, not
the ones RGB happens to separate. The clustering starts from a fixed seed,
so the same image always gives the same palette. More clusters are made than
swatches wanted, then taken biggest first, skipping any closer than
`NEAR_DUPLICATE` (CIE76 delta E) to one already taken: two browns that only
a meter can tell apart make one swatch, and the leftover places go to the
accents. An image with fewer distinct colours than asked gives fewer swatches
rather than invented ones.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
from PIL import Image, UnidentifiedImageError

from studio.errors import SlatebookError

MIN_SWATCHES = 5
MAX_SWATCHES = 8
NEAR_DUPLICATE = 10.0  # delta E below which two swatches read as the same colour
MIN_SHARE = 0.003  # a cluster smaller than this share of the image is noise, not a colour
SAMPLE_SIDE = 128  # clustering a 128 px thumbnail gives the same palette as the full frame
EXTRA_CLUSTERS = 4
ITERATIONS = 30
SEED = 0

_SRGB_TO_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]]
)
_XYZ_TO_SRGB = np.linalg.inv(_SRGB_TO_XYZ)
_D65 = np.array([0.95047, 1.0, 1.08883])
_EPSILON = (6 / 29) ** 3


def extract_palette(png_bytes: bytes, n: int = 6) -> list[str]:
    """The image's `n` (5 to 8) main colours as "#rrggbb", the largest area first."""
    _check_count(n)
    centres, weights = _image_clusters(png_bytes, n + EXTRA_CLUSTERS)
    return _pick(centres, weights, n)


def board_palette(items: Sequence[bytes | Sequence[str]], n: int = 6) -> list[str]:
    """One palette for a board from its images (PNG/JPEG bytes) or their palettes (hex lists).

    Each item counts the same, however large the image or long its palette;
    within a palette the first swatches weigh most, as extract_palette puts
    the largest areas first. An empty board has an empty palette.
    """
    _check_count(n)
    points, weights = [], []
    for item in items:
        if isinstance(item, bytes | bytearray):
            centres, shares = _image_clusters(bytes(item), n + EXTRA_CLUSTERS)
        else:
            centres = srgb_to_lab(np.array([hex_to_rgb(h) for h in item], dtype=float).reshape(-1, 3))
            ranks = 1.0 / (np.arange(len(centres)) + 1.0)
            shares = ranks / ranks.sum() if len(ranks) else ranks
        points.append(centres)
        weights.append(shares)
    if not points or sum(len(p) for p in points) == 0:
        return []
    centres, shares = _kmeans(np.vstack(points), np.concatenate(weights), n + 2)
    return _pick(centres, shares, n)


# --- colour conversions


def hex_to_rgb(swatch: str) -> tuple[int, int, int]:
    text = swatch.strip().lstrip("#")
    if len(text) != 6:
        raise SlatebookError(f"{swatch!r} is not a colour in #rrggbb form.", "Write swatches like #1f2a44.")
    try:
        return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)
    except ValueError:
        raise SlatebookError(f"{swatch!r} is not a colour in #rrggbb form.", "Write swatches like #1f2a44.") from None


def rgb_to_hex(rgb: Sequence[float]) -> str:
    r, g, b = (int(round(min(255.0, max(0.0, float(c))))) for c in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def srgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """(N, 3) sRGB 0-255 to CIELAB (D65)."""
    c = rgb / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    xyz = linear @ _SRGB_TO_XYZ.T / _D65
    f = np.where(xyz > _EPSILON, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])], axis=1)


def lab_to_srgb(lab: np.ndarray) -> np.ndarray:
    """(N, 3) CIELAB to sRGB 0-255, clipped to the gamut."""
    fy = (lab[:, 0] + 16) / 116
    f = np.stack([fy + lab[:, 1] / 500, fy, fy - lab[:, 2] / 200], axis=1)
    xyz = np.where(f > 6 / 29, f**3, 3 * (6 / 29) ** 2 * (f - 4 / 29)) * _D65
    linear = np.clip(xyz @ _XYZ_TO_SRGB.T, 0.0, 1.0)
    c = np.where(linear <= 0.0031308, linear * 12.92, 1.055 * linear ** (1 / 2.4) - 0.055)
    return c * 255.0


# --- clustering


def _image_clusters(data: bytes, k: int) -> tuple[np.ndarray, np.ndarray]:
    # Each distinct colour once, weighted by its pixel count: a flat-shaded frame has few.
    pixels = _pixels(data).astype(np.int64)
    packed, counts = np.unique(pixels[:, 0] << 16 | pixels[:, 1] << 8 | pixels[:, 2], return_counts=True)
    colours = np.stack([packed >> 16, packed >> 8 & 255, packed & 255], axis=1).astype(float)
    return _kmeans(srgb_to_lab(colours), counts.astype(float), k)


def _pixels(data: bytes) -> np.ndarray:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            rgba = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise SlatebookError(
            "This file is not an image Slatebook can read, so it has no palette.",
            "Use a PNG or JPEG image.",
        ) from exc
    # Nearest sampling: averaging would invent blends of neighbouring colours at every edge.
    rgba.thumbnail((SAMPLE_SIDE, SAMPLE_SIDE), Image.Resampling.NEAREST)
    pixels = np.asarray(rgba, dtype=float).reshape(-1, 4)
    opaque = pixels[pixels[:, 3] >= 128, :3]
    if len(opaque) == 0:
        raise SlatebookError("This image is fully transparent, so it has no palette.", "Use an image with visible colour.")
    return opaque


def _kmeans(points: np.ndarray, weights: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Weighted k-means with a seeded k-means++ start: centres and their share of the weight."""
    k = max(1, min(k, len(np.unique(points.round(3), axis=0)) if len(points) < 512 else k))
    rng = np.random.default_rng(SEED)
    total = weights / weights.sum()
    centres = points[[int(np.argmax(total))]]
    for _ in range(1, k):
        chance = total * _squared_distances(points, centres).min(axis=1)
        if chance.sum() <= 0:
            break
        centres = np.vstack([centres, points[rng.choice(len(points), p=chance / chance.sum())]])
    for _ in range(ITERATIONS):
        labels = _squared_distances(points, centres).argmin(axis=1)
        mass = np.bincount(labels, weights=total, minlength=len(centres))
        sums = np.stack([np.bincount(labels, weights=total * points[:, d], minlength=len(centres)) for d in range(3)], axis=1)
        moved = np.where(mass[:, None] > 0, sums / np.maximum(mass, 1e-12)[:, None], centres)
        converged = np.allclose(moved, centres, atol=1e-3)
        centres = moved
        if converged:
            break
    labels = _squared_distances(points, centres).argmin(axis=1)
    return centres, np.bincount(labels, weights=total, minlength=len(centres))


def _squared_distances(points: np.ndarray, centres: np.ndarray) -> np.ndarray:
    # |p|^2 - 2 p.c + |c|^2: one matrix product instead of an (N, k, 3) array.
    return np.maximum(
        (points**2).sum(1)[:, None] - 2 * points @ centres.T + (centres**2).sum(1)[None, :], 0.0
    )


def _pick(centres: np.ndarray, shares: np.ndarray, n: int) -> list[str]:
    centres, shares = _merge_near_duplicates(centres, shares)
    order = sorted(range(len(centres)), key=lambda j: (-round(float(shares[j]), 9), tuple(centres[j])))
    taken: list[np.ndarray] = []
    for j in order:
        if shares[j] < MIN_SHARE and taken:
            continue
        if all(np.linalg.norm(centres[j] - t) >= NEAR_DUPLICATE for t in taken):
            taken.append(centres[j])
        if len(taken) == n:
            break
    swatches = [rgb_to_hex(rgb) for rgb in lab_to_srgb(np.array(taken))]
    return list(dict.fromkeys(swatches))


def _merge_near_duplicates(centres: np.ndarray, shares: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Clusters closer than NEAR_DUPLICATE become one, holding both areas, so a colour split in two still ranks by its whole area."""
    merged: list[tuple[np.ndarray, float]] = []
    for j in sorted(range(len(centres)), key=lambda j: (-float(shares[j]), tuple(centres[j]))):
        for k, (centre, share) in enumerate(merged):
            if np.linalg.norm(centres[j] - centre) < NEAR_DUPLICATE:
                total = share + float(shares[j])
                merged[k] = ((centre * share + centres[j] * shares[j]) / total if total > 0 else centre, total)
                break
        else:
            merged.append((centres[j].astype(float), float(shares[j])))
    return np.array([c for c, _ in merged]), np.array([s for _, s in merged])


def _check_count(n: int) -> None:
    if not MIN_SWATCHES <= n <= MAX_SWATCHES:
        raise SlatebookError(
            f"A palette has {MIN_SWATCHES} to {MAX_SWATCHES} swatches, not {n}.",
            f"Ask for between {MIN_SWATCHES} and {MAX_SWATCHES}.",
        )
