"""The contract every image generator keeps: a FrameSpec in, a GeneratedImage out.

A FrameSpec holds everything needed to draw one image and to draw it again, so
storing the spec (or the AIRecord built from it) is enough to regenerate the
same pixels later. Backends are chosen by name with `generator_for`; the heavy
ones (torch, diffusers) are imported only when asked for, so the sketch
renderer works on a machine without either.
"""

from __future__ import annotations

from typing import Callable, Literal, NamedTuple, Protocol, runtime_checkable

from pydantic import BaseModel, Field, field_validator

from studio.errors import SlatebookError
from studio.models.imaging import ShotSize

Backend = Literal["diffusers", "sketch", "tiny"]
StepCallback = Callable[[int, int], None]

# Big enough for a 2.39:1 frame at 1536 wide, small enough that a typo in the
# size cannot ask a GPU for a 40-megapixel image.
MIN_SIDE = 64
MAX_SIDE = 2048


class FrameSpec(BaseModel):
    prompt: str = ""
    negative_prompt: str = ""
    width: int = Field(default=768, ge=MIN_SIDE, le=MAX_SIDE)
    height: int = Field(default=432, ge=MIN_SIDE, le=MAX_SIDE)
    seed: int = Field(default=0, ge=0, lt=2**63)
    steps: int | None = Field(default=None, ge=1, le=200)  # None: the model's default
    guidance: float | None = Field(default=None, ge=0, le=30)  # None: the model's default
    # What the shot is, for the sketch renderer and for captions.
    shot_size: ShotSize | None = None
    angle: str = "eye level"
    movement: str = "static"
    subjects: list[str] = Field(default_factory=list)  # names of the people in frame
    caption: str = ""
    palette: list[str] = Field(default_factory=list)  # "#rrggbb" swatches of the sequence
    int_ext: str = ""  # "INT", "EXT", "INT/EXT"
    day_night: str = ""  # "DAY", "NIGHT", "DUSK", ...
    # Character name -> PNG bytes of that character's reference image, used
    # through IP-Adapter when the model supports it.
    references: dict[str, bytes] = Field(default_factory=dict)

    @field_validator("palette")
    @classmethod
    def _hex_colours(cls, value: list[str]) -> list[str]:
        cleaned = []
        for swatch in value:
            text = swatch.strip().lower()
            if not text.startswith("#"):
                text = "#" + text
            if len(text) != 7 or any(c not in "0123456789abcdef" for c in text[1:]):
                raise ValueError(f"palette swatch {swatch!r} is not a #rrggbb colour")
            cleaned.append(text)
        return cleaned


class GeneratedImage(BaseModel):
    png: bytes
    width: int
    height: int
    backend: Backend
    model_id: str
    model_revision: str = ""
    licence: str = ""
    commercial_use: bool | None = None  # None: unknown, ask before selling
    ai_generated: bool
    parameters: dict = Field(default_factory=dict)  # seed, steps, guidance, size, scheduler, dtype, device, ...
    seconds: float = 0.0


@runtime_checkable
class ImageGenerator(Protocol):
    name: str

    def generate(self, spec: FrameSpec, on_step: StepCallback | None = None) -> GeneratedImage:
        """Draw one image. `on_step(step, total)` is called as denoising goes;
        an exception it raises stops the generation and propagates (that is
        how a job cancels)."""
        ...


class BackendStatus(NamedTuple):
    backend: str
    model: str
    unavailable: str  # empty when the backend can be used now; else why not


def generator_for(backend: str, model_id: str | None = None, **options) -> ImageGenerator:
    """The generator for a backend name. `model_id` matters to "diffusers"
    only: a registry id, a Hugging Face repo id or a local folder."""
    if backend == "sketch":
        from pipelines.imaging.generators.sketch import SketchGenerator

        return SketchGenerator(**options)
    if backend == "tiny":
        from pipelines.imaging.generators.tiny import TinyGenerator

        return TinyGenerator(**options)
    if backend == "diffusers":
        if not model_id:
            raise SlatebookError(
                "No image model is chosen.",
                "Pick a model on the Settings page, or use the sketch backend.",
            )
        from pipelines.imaging.generators.diffusers_backend import DiffusersGenerator

        return DiffusersGenerator(model_id, **options)
    raise SlatebookError(
        f"There is no image backend called {backend!r}.",
        "Use one of: sketch, diffusers.",
    )


def available_backends(also: str = "") -> list[BackendStatus]:
    """Every backend and registered model with the reason it cannot run here
    (empty when it can). Cheap: looks for weights on disk, loads nothing.
    `also` adds a model outside the registry (the settings' local folder or
    Hugging Face repo id)."""
    from pipelines.imaging.generators.registry import MODELS, availability, entry_for
    from pipelines.imaging.generators.weights import missing_weights_reason

    statuses = [BackendStatus("sketch", "layout sketch", ""), *availability()]
    if also and also not in MODELS:
        statuses.append(BackendStatus("diffusers", also, missing_weights_reason(entry_for(also))))
    return statuses


def generator_for_settings(image_model: str, image_device: str = "") -> tuple[ImageGenerator, str]:
    """The generator the settings ask for, falling back to the layout sketch
    when no model is chosen or its weights are not here; the note says why."""
    from pipelines.imaging.generators.sketch import SketchGenerator

    if not image_model:
        return SketchGenerator(), "No image model is chosen: drawing layout sketches."
    from pipelines.imaging.generators.registry import entry_for
    from pipelines.imaging.generators.weights import find_weights

    entry = entry_for(image_model)
    if find_weights(entry) is None:
        return SketchGenerator(), f"The weights for {entry.label} are not on this machine: drawing layout sketches."
    return generator_for("diffusers", image_model, device=image_device or None), ""
