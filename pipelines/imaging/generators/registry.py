"""The image models Slatebook knows: where their weights live, their licence, and their defaults.

Licences are as published on each model's Hugging Face card. `commercial_use`
is True when the licence allows it outright, False when it forbids it, and
None when it depends on who you are (Stability AI's Community License is free
for commercial use only below USD 1M yearly revenue): the disclosure shows the
note and a producer decides.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

SDXL_BASE = "stabilityai/stable-diffusion-xl-base-1.0"
OPENRAIL_PP = "CreativeML OpenRAIL++-M"
OPENRAIL_PP_URL = "https://huggingface.co/stabilityai/stable-diffusion-xl-base-1.0/blob/main/LICENSE.md"
STABILITY_COMMUNITY = "Stability AI Community License"
STABILITY_COMMUNITY_NOTE = (
    "Free for research, non-commercial use, and commercial use by organisations under USD 1M "
    "yearly revenue; above that Stability AI requires an Enterprise licence. First released "
    "under Stability AI's Non-Commercial Research Community License."
)


class AdapterWeights(BaseModel):
    """An IP-Adapter checkpoint and the CLIP image encoder it was trained with."""

    repo_id: str
    subfolder: str
    weight_name: str
    image_encoder_folder: str  # relative to the repo root
    licence: str = "Apache-2.0"
    scale: float = 0.6  # how strongly the reference steers the frame; 0.5-0.7 keeps the prompt in charge


class ModelEntry(BaseModel):
    key: str
    label: str
    repo_id: str  # the weights the pipeline loads from (the base model for add-ons)
    pipeline: str  # diffusers pipeline class name
    licence: str
    licence_url: str
    commercial_use: bool | None
    licence_note: str = ""
    steps: int
    guidance: float
    width: int
    height: int
    multiple: int = 8  # width and height must be multiples of this
    prefers_bf16: bool = False
    variant: str | None = "fp16"  # the half-precision files to fetch, where the repo has them
    weights_gb: float  # everything in half precision, to decide how it fits
    largest_gb: float  # the biggest component: what model CPU offload still needs on the GPU
    scheduler: str = ""  # a scheduler class to swap in, with its config overrides
    scheduler_config: dict = {}
    unet_repo: str = ""  # a distilled UNet that replaces the base model's (SDXL-Lightning)
    unet_file: str = ""
    lora_repo: str = ""  # a LoRA fused into the base model (LCM-LoRA)
    lora_file: str = ""
    extra_call_args: dict = {}
    ip_adapter: AdapterWeights | None = None
    allow_patterns: list[str] = []  # what a download fetches from repo_id

    @property
    def revision_repos(self) -> list[str]:
        return [r for r in (self.repo_id, self.unet_repo, self.lora_repo) if r]


SDXL_ADAPTER = AdapterWeights(
    repo_id="h94/IP-Adapter",
    subfolder="sdxl_models",
    weight_name="ip-adapter_sdxl.safetensors",
    image_encoder_folder="sdxl_models/image_encoder",
)
# A diffusers repo holds fp32 and fp16 copies; fetch the configs and the half-precision weights only.
_FP16_FILES = ["model_index.json", "*/*.json", "*/*.txt", "*/*.fp16.safetensors"]
_SDXL_BASE_FILES = ["model_index.json", "*/*.json", "*/*.txt", "text_encoder*/*.fp16.safetensors",
                    "vae/*.fp16.safetensors"]

MODELS: dict[str, ModelEntry] = {
    m.key: m
    for m in [
        ModelEntry(
            key="flux.1-schnell",
            label="FLUX.1 [schnell]",
            repo_id="black-forest-labs/FLUX.1-schnell",
            pipeline="FluxPipeline",
            licence="Apache-2.0",
            licence_url="https://huggingface.co/black-forest-labs/FLUX.1-schnell/blob/main/LICENSE.md",
            commercial_use=True,
            steps=4,
            guidance=0.0,
            width=1024,
            height=576,
            multiple=16,
            prefers_bf16=True,
            variant=None,
            weights_gb=33.7,
            largest_gb=23.8,
            extra_call_args={"max_sequence_length": 256},
            allow_patterns=["model_index.json", "*/*.json", "*/*.txt", "*/*.model", "*/*.safetensors"],
        ),
        ModelEntry(
            key="sdxl-lightning-4step",
            label="SDXL-Lightning (4 steps)",
            repo_id=SDXL_BASE,
            pipeline="StableDiffusionXLPipeline",
            licence=OPENRAIL_PP,
            licence_url="https://huggingface.co/ByteDance/SDXL-Lightning/blob/main/LICENSE.md",
            commercial_use=True,
            licence_note="Commercial use allowed under the licence's use restrictions (Attachment A).",
            steps=4,
            guidance=0.0,
            width=1024,
            height=576,
            weights_gb=6.9,
            largest_gb=5.1,
            scheduler="EulerDiscreteScheduler",
            scheduler_config={"timestep_spacing": "trailing"},
            unet_repo="ByteDance/SDXL-Lightning",
            unet_file="sdxl_lightning_4step_unet.safetensors",
            ip_adapter=SDXL_ADAPTER,
            allow_patterns=_SDXL_BASE_FILES,
        ),
        ModelEntry(
            key="lcm-lora-sdxl",
            label="SDXL + LCM-LoRA",
            repo_id=SDXL_BASE,
            pipeline="StableDiffusionXLPipeline",
            licence=OPENRAIL_PP,
            licence_url="https://huggingface.co/latent-consistency/lcm-lora-sdxl",
            commercial_use=True,
            licence_note="Commercial use allowed under the licence's use restrictions (Attachment A).",
            steps=4,
            guidance=1.0,
            width=1024,
            height=576,
            weights_gb=7.0,
            largest_gb=5.1,
            scheduler="LCMScheduler",
            lora_repo="latent-consistency/lcm-lora-sdxl",
            lora_file="pytorch_lora_weights.safetensors",
            ip_adapter=SDXL_ADAPTER,
            allow_patterns=_FP16_FILES,
        ),
        ModelEntry(
            key="sdxl-turbo",
            label="SDXL-Turbo",
            repo_id="stabilityai/sdxl-turbo",
            pipeline="StableDiffusionXLPipeline",
            licence=STABILITY_COMMUNITY,
            licence_url="https://huggingface.co/stabilityai/sdxl-turbo/blob/main/LICENSE.md",
            commercial_use=None,
            licence_note=STABILITY_COMMUNITY_NOTE,
            steps=1,
            guidance=0.0,
            width=512,
            height=512,
            weights_gb=6.9,
            largest_gb=5.1,
            ip_adapter=SDXL_ADAPTER,
            allow_patterns=_FP16_FILES,
        ),
        ModelEntry(
            key="sd-turbo",
            label="SD-Turbo",
            repo_id="stabilityai/sd-turbo",
            pipeline="StableDiffusionPipeline",
            licence=STABILITY_COMMUNITY,
            licence_url="https://huggingface.co/stabilityai/sd-turbo/blob/main/LICENSE.md",
            commercial_use=None,
            licence_note=STABILITY_COMMUNITY_NOTE,
            steps=1,
            guidance=0.0,
            width=512,
            height=512,
            weights_gb=2.6,
            largest_gb=1.7,
            allow_patterns=_FP16_FILES,
        ),
    ]
}


def entry_for(model_id: str) -> ModelEntry:
    """The registry entry for a key or repo id; anything else (a local folder,
    another Hugging Face repo) gets an entry with an unknown licence."""
    if model_id in MODELS:
        return MODELS[model_id]
    for entry in MODELS.values():
        if model_id != SDXL_BASE and model_id in (entry.repo_id, entry.unet_repo, entry.lora_repo):
            return entry
    name = Path(model_id).name if Path(model_id).is_dir() else model_id
    return ModelEntry(
        key=model_id,
        label=name,
        repo_id=model_id,
        pipeline="DiffusionPipeline",
        licence="unknown",
        licence_url="",
        commercial_use=None,
        licence_note="Not in Slatebook's model list: check the model card's licence before using these images.",
        steps=0,  # 0: the pipeline's own default
        guidance=-1.0,  # negative: the pipeline's own default
        width=768,
        height=432,
        variant=None,
        weights_gb=0.0,
        largest_gb=0.0,
    )


def availability() -> list:
    """(backend, model, why unavailable) for every registered model."""
    from pipelines.imaging.generators.base import BackendStatus
    from pipelines.imaging.generators.weights import missing_weights_reason

    import importlib.util

    if importlib.util.find_spec("diffusers") is None or importlib.util.find_spec("torch") is None:
        return [BackendStatus("diffusers", key, "diffusers and torch are not installed") for key in MODELS]
    return [BackendStatus("diffusers", key, missing_weights_reason(entry)) for key, entry in MODELS.items()]
