"""Character references through IP-Adapter: the same face from frame to frame.

An adapter is loaded into a pipeline once, on the first frame that has a
reference, and then stays: frames without a reference run it at scale 0,
which diffusers skips entirely, so they come out exactly as they would with
no adapter at all (and a record regenerates the same either way).
"""

from __future__ import annotations

import io
from typing import Callable, Union

from pipelines.imaging.generators.registry import AdapterWeights
from studio.errors import SlatebookError

# A registry checkpoint, or (for the tiny test pipeline) a function building a state dict.
AdapterSource = Union[AdapterWeights, Callable[[], dict]]
_LOADED = "_slatebook_ip_adapter"


def reference_images(references: dict[str, bytes]) -> list:
    """The reference PNGs as RGB images, in name order so a frame's embedding
    does not depend on dict order."""
    from PIL import Image, UnidentifiedImageError

    images = []
    for name in sorted(references):
        try:
            image = Image.open(io.BytesIO(references[name]))
            image.load()
        except (UnidentifiedImageError, OSError) as exc:
            raise SlatebookError(
                f"The reference image for {name} cannot be read.",
                "Upload it again as a PNG or JPEG on the character's card.",
            ) from exc
        images.append(image.convert("RGB"))
    return images


def _describe(source: AdapterSource) -> str:
    if isinstance(source, AdapterWeights):
        return f"{source.repo_id}/{source.subfolder}/{source.weight_name}"
    return "built-in test adapter"


def attach(pipe, source: AdapterSource, cache_dir: str | None = None) -> str:
    """Load the adapter into `pipe` unless it is already there; returns what was loaded.
    Missing weights raise SlatebookError (the caller decides whether that stops the frame)."""
    loaded = getattr(pipe, _LOADED, None)
    if loaded:
        return loaded
    if not hasattr(pipe, "load_ip_adapter"):
        raise SlatebookError("This model cannot use reference images.", "Pick an SDXL model for character references.")
    name = _describe(source)
    if isinstance(source, AdapterWeights):
        from huggingface_hub.errors import LocalEntryNotFoundError

        try:
            pipe.load_ip_adapter(
                source.repo_id,
                subfolder=source.subfolder,
                weight_name=source.weight_name,
                image_encoder_folder=source.image_encoder_folder,
                local_files_only=True,
                cache_dir=cache_dir,
            )
        except (LocalEntryNotFoundError, OSError, EnvironmentError) as exc:
            raise SlatebookError(
                f"The IP-Adapter weights ({name}) are not on this machine.",
                f"Download huggingface.co/{source.repo_id} ({source.subfolder} and its image encoder) to use "
                "character references; frames are drawn without them until then.",
            ) from exc
    else:
        pipe.load_ip_adapter(source(), subfolder="", weight_name="", image_encoder_folder=None)
    setattr(pipe, _LOADED, name)
    return name


def call_arguments(pipe, source: AdapterSource | None, references: dict[str, bytes], scale: float,
                   cache_dir: str | None = None) -> tuple[dict, dict]:
    """Pipeline keyword arguments for this frame's references, and what to record about them."""
    if not references:
        if getattr(pipe, _LOADED, None):
            from PIL import Image

            pipe.set_ip_adapter_scale(0.0)
            return {"ip_adapter_image": [[Image.new("RGB", (64, 64))]]}, {}
        return {}, {}
    if source is None:
        return {}, {"ip_adapter": "this model cannot use reference images; references not applied"}
    try:
        name = attach(pipe, source, cache_dir)
    except SlatebookError as exc:
        return {}, {"ip_adapter": f"not applied: {exc.problem}"}
    images = reference_images(references)
    pipe.set_ip_adapter_scale(scale)
    # One adapter, several reference images: diffusers concatenates their image tokens.
    return {"ip_adapter_image": [images]}, {
        "ip_adapter": name,
        "ip_adapter_scale": scale,
        "references": sorted(references),
    }
