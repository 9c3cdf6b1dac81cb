"""Image generators behind one Protocol: diffusers models, the offline sketch, a tiny test pipeline."""

from pipelines.imaging.generators.base import (
    BackendStatus,
    FrameSpec,
    GeneratedImage,
    ImageGenerator,
    available_backends,
    generator_for,
    generator_for_settings,
)

__all__ = [
    "BackendStatus",
    "FrameSpec",
    "GeneratedImage",
    "ImageGenerator",
    "available_backends",
    "generator_for",
    "generator_for_settings",
]
