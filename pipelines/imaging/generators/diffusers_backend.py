"""The diffusers backend: a registry model, a Hugging Face repo or a local folder, on the best device here.

One pipeline stays loaded per process (loading takes longer than drawing), and
one frame is drawn at a time behind a lock: jobs run on threads and a
pipeline is not thread-safe.
"""

from __future__ import annotations

import importlib.util
import inspect
import io
import threading
import time
from dataclasses import replace
from typing import Callable

from pipelines.imaging.generators.base import FrameSpec, GeneratedImage, StepCallback
from pipelines.imaging.generators.device import DevicePlan, plan_for, torch_dtype
from pipelines.imaging.generators.ip_adapter import AdapterSource, call_arguments
from pipelines.imaging.generators.registry import ModelEntry, entry_for
from pipelines.imaging.generators.weights import LocalWeights, find_or_explain
from studio.errors import SlatebookError

_LOCK = threading.RLock()
_LOADED: dict[tuple, tuple[object, DevicePlan, str]] = {}  # at most one: a second model would not fit


class DiffusersGenerator:
    name = "diffusers"

    def __init__(self, model_id: str, device: str | None = None, cache_dir: str | None = None,
                 ip_adapter_scale: float | None = None, hardware=None) -> None:
        self.entry = entry_for(model_id)
        self._device = device
        self._cache_dir = cache_dir or None
        self._hardware = hardware
        self._pipe = None
        self._plan: DevicePlan | None = None
        self._revision = ""
        self._adapter: AdapterSource | None = self.entry.ip_adapter
        self._scale = ip_adapter_scale if ip_adapter_scale is not None else (
            self.entry.ip_adapter.scale if self.entry.ip_adapter else 0.6)
        self.backend = "diffusers"

    @classmethod
    def from_pipeline(cls, pipe, entry: ModelEntry, backend: str = "diffusers",
                      adapter: AdapterSource | None = None, ip_adapter_scale: float = 0.6,
                      revision: str = "") -> "DiffusersGenerator":
        """Wrap a pipeline built elsewhere (the tiny test pipeline, a benchmark's)."""
        generator = cls.__new__(cls)
        generator.entry = entry
        generator._device = None
        generator._cache_dir = None
        generator._hardware = None
        generator._pipe = pipe
        generator._plan = DevicePlan(str(pipe.device.type), str(pipe.dtype).removeprefix("torch."),
                                     why="pipeline given")
        generator._revision = revision
        generator._adapter = adapter
        generator._scale = ip_adapter_scale
        generator.backend = backend
        return generator

    @property
    def pipeline(self):
        self._ensure_loaded()
        return self._pipe

    # -- loading ---------------------------------------------------------

    def _ensure_loaded(self) -> None:
        if self._pipe is not None:
            return
        with _LOCK:
            weights = find_or_explain(self.entry, self._cache_dir)
            plan = plan_for(self.entry.weights_gb, self.entry.largest_gb, self.entry.prefers_bf16,
                            hardware=self._hardware, device=self._device, label=self.entry.label)
            key = (self.entry.key, str(weights.folder), weights.revision, plan)
            if key not in _LOADED:
                _release_all()
                _LOADED[key] = (_load(self.entry, weights, plan), plan, weights.revision)
            self._pipe, self._plan, self._revision = _LOADED[key]

    # -- drawing ---------------------------------------------------------

    def generate(self, spec: FrameSpec, on_step: StepCallback | None = None) -> GeneratedImage:
        self._ensure_loaded()
        with _LOCK:
            try:
                return self._draw(spec, on_step)
            except Exception as exc:
                _after_failure(self._pipe)
                if not _is_out_of_memory(exc):
                    raise
                if not self._offload_after_out_of_memory():
                    raise self._out_of_memory(spec) from exc
            # Other programs took GPU memory since the plan was made: once more, components taking turns.
            try:
                return self._draw(spec, on_step)
            except Exception as exc:
                _after_failure(self._pipe)
                if _is_out_of_memory(exc):
                    raise self._out_of_memory(spec) from exc
                raise

    def _offload_after_out_of_memory(self) -> bool:
        plan = self._plan
        if plan is None or plan.device != "cuda" or plan.cpu_offload:
            return False
        offloaded = replace(plan, cpu_offload=True, attention_slicing=True, vae_tiling=True,
                            why=plan.why + "; out of memory, so components now take turns on the GPU")
        self._pipe.to("cpu")
        _empty_cache()
        _fit(self._pipe, offloaded)
        for key, (pipe, _plan, revision) in list(_LOADED.items()):
            if pipe is self._pipe:
                _LOADED[key] = (pipe, offloaded, revision)
        self._plan = offloaded
        return True

    def _draw(self, spec: FrameSpec, on_step: StepCallback | None) -> GeneratedImage:
        import torch

        pipe, plan, entry = self._pipe, self._plan, self.entry
        accepts = set(inspect.signature(pipe.__call__).parameters)
        steps = spec.steps or entry.steps or None
        guidance = spec.guidance if spec.guidance is not None else (entry.guidance if entry.guidance >= 0 else None)
        width, height = _round_up(spec.width, entry.multiple), _round_up(spec.height, entry.multiple)
        generator = torch.Generator(device=plan.generator_device).manual_seed(spec.seed)

        kwargs: dict = {"prompt": spec.prompt, "width": width, "height": height, "generator": generator,
                        "output_type": "pil", **entry.extra_call_args}
        if steps:
            kwargs["num_inference_steps"] = steps
        if guidance is not None:
            kwargs["guidance_scale"] = guidance
        # Only classifier-free guidance (scale above 1) reads a negative prompt.
        uses_negative = bool(spec.negative_prompt) and "negative_prompt" in accepts and (guidance or 0) > 1
        if uses_negative:
            kwargs["negative_prompt"] = spec.negative_prompt
        adapter_kwargs, adapter_record = call_arguments(pipe, self._adapter, spec.references, self._scale,
                                                        self._cache_dir)
        kwargs.update(adapter_kwargs)
        if on_step is not None and "callback_on_step_end" in accepts:
            kwargs["callback_on_step_end"] = _step_reporter(on_step, steps or 0)

        started = time.perf_counter()
        with torch.inference_mode():
            image = pipe(**kwargs).images[0]
        seconds = time.perf_counter() - started
        image = _crop_to(image, spec.width, spec.height)

        parameters = {
            "seed": spec.seed,
            "steps": steps or getattr(pipe, "num_timesteps", None),
            "guidance": guidance,
            "width": spec.width,
            "height": spec.height,
            "negative_prompt_used": uses_negative,
            "scheduler": type(pipe.scheduler).__name__,
            "pipeline": type(pipe).__name__,
            **plan.as_parameters(),
            "diffusers": _version("diffusers"),
            "torch": torch.__version__,
            **adapter_record,
        }
        if (width, height) != (spec.width, spec.height):
            parameters["drawn_at"] = f"{width}x{height}, centre-cropped"
        return GeneratedImage(
            png=_png(image),
            width=image.width,
            height=image.height,
            backend=self.backend,
            model_id=entry.repo_id if entry.key == entry.repo_id else entry.key,
            model_revision=self._revision,
            licence=entry.licence,
            commercial_use=entry.commercial_use,
            ai_generated=True,
            parameters=parameters,
            seconds=round(seconds, 3),
        )

    def _out_of_memory(self, spec: FrameSpec) -> SlatebookError:
        return SlatebookError(
            f"{self.entry.label} ran out of memory drawing a {spec.width}x{spec.height} frame on "
            f"{self._plan.device if self._plan else 'this device'}.",
            "Choose a smaller aspect ratio or size, close other programs using the GPU, or pick a smaller "
            "model (SD-Turbo). Finished frames are kept.",
        )


def _step_reporter(on_step: StepCallback, planned: int) -> Callable:
    def callback(pipe, step_index, timestep, callback_kwargs):
        total = getattr(pipe, "num_timesteps", None) or planned or step_index + 1
        on_step(step_index + 1, total)  # an exception here stops the denoising loop
        return callback_kwargs

    return callback


def _after_failure(pipe) -> None:
    """Leave the pipeline usable after a cancel or an error mid-frame: offload
    hooks put components back on the CPU and the GPU cache is emptied."""
    if pipe is None:
        return
    try:
        pipe.maybe_free_model_hooks()
    except Exception:  # cleanup must never hide the error that brought us here
        pass
    _empty_cache()


def _empty_cache() -> None:
    import torch

    if torch.cuda.is_available():
        torch.cuda.empty_cache()


def _is_out_of_memory(exc: BaseException) -> bool:
    import torch

    return isinstance(exc, torch.OutOfMemoryError) or "out of memory" in str(exc).lower()


def _release_all() -> None:
    _LOADED.clear()
    import gc

    gc.collect()
    _empty_cache()


def _load(entry: ModelEntry, weights: LocalWeights, plan: DevicePlan):
    import diffusers
    import torch

    dtype = torch_dtype(plan.dtype)
    cls = getattr(diffusers, entry.pipeline)
    kwargs: dict = {"dtype": dtype, "local_files_only": True}
    if entry.variant and weights.revision != "local":
        kwargs["variant"] = entry.variant
    if entry.pipeline == "StableDiffusionPipeline":
        kwargs["safety_checker"] = None  # storyboards of crime and war scenes trip it; the user owns the content
    try:
        if weights.unet_file is not None:
            kwargs["unet"] = _distilled_unet(weights, dtype)
        pipe = cls.from_pretrained(str(weights.folder), **kwargs)
        if weights.lora_file is not None:
            _fuse_lora(pipe, weights)
    except torch.OutOfMemoryError as exc:
        _release_all()
        raise SlatebookError(
            f"{entry.label} does not fit in this machine's GPU memory.",
            "Close other programs using the GPU or pick a smaller model (SD-Turbo).",
        ) from exc
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise SlatebookError(
            f"The weights for {entry.label} in {weights.folder} are incomplete or damaged ({type(exc).__name__}).",
            "Download the model again from the Settings page, or point the model setting at a complete "
            "diffusers folder.",
        ) from exc
    if entry.scheduler:
        pipe.scheduler = getattr(diffusers, entry.scheduler).from_config(pipe.scheduler.config,
                                                                         **entry.scheduler_config)
    pipe.set_progress_bar_config(disable=True)
    _fit(pipe, plan)
    return pipe


def _distilled_unet(weights: LocalWeights, dtype):
    from diffusers import UNet2DConditionModel
    from safetensors.torch import load_file

    unet = UNet2DConditionModel.from_config(
        UNet2DConditionModel.load_config(str(weights.folder), subfolder="unet", local_files_only=True))
    unet.load_state_dict(load_file(str(weights.unet_file)))
    return unet.to(dtype)


def _fuse_lora(pipe, weights: LocalWeights) -> None:
    if importlib.util.find_spec("peft") is None:
        raise SlatebookError(
            "LCM-LoRA needs the peft package, which is not installed.",
            "Install it (`pip install peft` in Slatebook's environment) or pick another model.",
        )
    pipe.load_lora_weights(str(weights.lora_file.parent), weight_name=weights.lora_file.name)
    pipe.fuse_lora()


def _fit(pipe, plan: DevicePlan) -> None:
    if plan.cpu_offload:
        pipe.enable_model_cpu_offload()
    else:
        pipe.to(plan.device)
    if plan.attention_slicing:
        pipe.enable_attention_slicing()
    if plan.vae_tiling and hasattr(pipe, "vae") and hasattr(pipe.vae, "enable_tiling"):
        pipe.vae.enable_tiling()


def _round_up(value: int, multiple: int) -> int:
    return -(-value // multiple) * multiple


def _crop_to(image, width: int, height: int):
    if image.size == (width, height):
        return image
    left = (image.width - width) // 2
    top = (image.height - height) // 2
    return image.crop((left, top, left + width, top + height))


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # Pillow writes no timestamp, so equal pixels give equal bytes
    return buffer.getvalue()


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)
