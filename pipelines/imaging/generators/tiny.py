"""A tiny random-weight Stable Diffusion pipeline built in code: for tests and the CPU benchmark.

Its pictures are noise. It exists so the real diffusers code path (text
encoder, UNet, scheduler, VAE, IP-Adapter, step callbacks, seeds) runs in
seconds with no download. It is never offered to users.
"""

from __future__ import annotations

import json
import tempfile
from functools import lru_cache
from pathlib import Path

from pipelines.imaging.generators.registry import ModelEntry

TINY_ENTRY = ModelEntry(
    key="tiny-random-sd",
    label="tiny random-weight test pipeline",
    repo_id="tiny-random-sd",
    pipeline="StableDiffusionPipeline",
    licence="test only: random weights, not a model",
    licence_url="",
    commercial_use=False,
    steps=4,
    guidance=3.0,  # above 1 so classifier-free guidance and the negative prompt run too
    width=256,
    height=144,
    variant=None,
    weights_gb=0.0,
    largest_gb=0.0,
)
CROSS_ATTENTION_DIM = 32
IMAGE_EMBED_DIM = 32
WEIGHTS_SEED = 1234


def _byte_alphabet() -> list[str]:
    # CLIP's byte-level BPE maps every byte to a printable character (as GPT-2 does).
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    chars, extra = [], 0
    for byte in range(256):
        if byte in printable:
            chars.append(chr(byte))
        else:
            chars.append(chr(256 + extra))
            extra += 1
    return chars


MERGES = ["t h", "th e</w>", "i n", "a n", "e r</w>", "o n</w>", "a t</w>", "n i", "ni g", "nig h", "nigh t</w>"]


def write_tokenizer_files(folder: Path) -> Path:
    """A small CLIP vocabulary (every byte, alone and word-final, plus a few
    merges) written as vocab.json and merges.txt, as CLIPTokenizer reads them."""
    tokens = ["<|startoftext|>", "<|endoftext|>"]
    alphabet = _byte_alphabet()
    tokens += alphabet + [c + "</w>" for c in alphabet]
    tokens += ["".join(m.split()) for m in MERGES]
    vocab = {token: index for index, token in enumerate(dict.fromkeys(tokens))}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    (folder / "merges.txt").write_text("#version: 0.2\n" + "\n".join(MERGES) + "\n", encoding="utf-8")
    return folder


def build_tiny_pipeline():
    """A StableDiffusionPipeline with a few hundred thousand random weights,
    the same every time (the weights come from a fixed seed)."""
    import torch
    from diffusers import AutoencoderKL, EulerDiscreteScheduler, StableDiffusionPipeline, UNet2DConditionModel
    from transformers import (
        CLIPTextConfig,
        CLIPTextModel,
        CLIPTokenizer,
        CLIPVisionConfig,
        CLIPVisionModelWithProjection,
    )

    try:  # the Pillow image processor: the default one wants torchvision, which we do not need
        from transformers import CLIPImageProcessorPil as CLIPImageProcessor
    except ImportError:
        from transformers import CLIPImageProcessor

    with tempfile.TemporaryDirectory() as folder:
        tokenizer = CLIPTokenizer.from_pretrained(str(write_tokenizer_files(Path(folder))), model_max_length=77)
    # fork_rng: building must not move the global RNG of whoever calls us.
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(WEIGHTS_SEED)
        unet = UNet2DConditionModel(
            sample_size=32,
            in_channels=4,
            out_channels=4,
            layers_per_block=1,
            block_out_channels=(16, 32),
            down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
            up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
            cross_attention_dim=CROSS_ATTENTION_DIM,
            attention_head_dim=4,
            norm_num_groups=8,
        )
        vae = AutoencoderKL(
            in_channels=3,
            out_channels=3,
            block_out_channels=(8, 8, 16, 16),  # four blocks: latents are 1/8 of the image, as in SD
            down_block_types=("DownEncoderBlock2D",) * 4,
            up_block_types=("UpDecoderBlock2D",) * 4,
            latent_channels=4,
            layers_per_block=1,
            norm_num_groups=8,
            sample_size=64,
        )
        text_encoder = CLIPTextModel(
            CLIPTextConfig(
                vocab_size=len(tokenizer),
                hidden_size=CROSS_ATTENTION_DIM,
                intermediate_size=37,
                num_attention_heads=4,
                num_hidden_layers=2,
                max_position_embeddings=77,
                bos_token_id=tokenizer.bos_token_id,
                eos_token_id=tokenizer.eos_token_id,
                pad_token_id=tokenizer.pad_token_id,
                projection_dim=CROSS_ATTENTION_DIM,
            )
        )
        image_encoder = CLIPVisionModelWithProjection(
            CLIPVisionConfig(
                hidden_size=32,
                intermediate_size=37,
                num_attention_heads=4,
                num_hidden_layers=2,
                image_size=32,
                patch_size=8,
                projection_dim=IMAGE_EMBED_DIM,
            )
        )
    scheduler = EulerDiscreteScheduler(
        beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear", timestep_spacing="trailing",
        steps_offset=1,
    )
    pipe = StableDiffusionPipeline(
        vae=vae,
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        unet=unet,
        scheduler=scheduler,
        safety_checker=None,
        feature_extractor=CLIPImageProcessor(size=32, crop_size=32),
        image_encoder=image_encoder,  # registered up front: an adapter given as a state dict brings none
        requires_safety_checker=False,
    )
    pipe.set_progress_bar_config(disable=True)
    return pipe


def tiny_ip_adapter_state_dict(unet, image_embed_dim: int = IMAGE_EMBED_DIM, seed: int = 7) -> dict:
    """An IP-Adapter checkpoint shaped for `unet`, laid out as the original
    IP-Adapter files are: image_proj (a linear map to 4 extra tokens and a
    LayerNorm) and one to_k_ip/to_v_ip pair per cross-attention layer, keyed
    1, 3, 5... in attention-processor order (self-attention layers take the
    even numbers)."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    cross = unet.config.cross_attention_dim
    tokens = 4

    def weights(*shape):
        return torch.randn(*shape, generator=generator) * 0.5

    image_proj = {
        "proj.weight": weights(cross * tokens, image_embed_dim),
        "proj.bias": weights(cross * tokens),
        "norm.weight": torch.ones(cross),
        "norm.bias": torch.zeros(cross),
    }
    ip_adapter = {}
    key_id = 1
    channels = list(unet.config.block_out_channels)
    for name in unet.attn_processors:
        if name.endswith("attn1.processor"):
            continue
        if name.startswith("mid_block"):
            hidden = channels[-1]
        elif name.startswith("up_blocks"):
            hidden = list(reversed(channels))[int(name[len("up_blocks.")])]
        else:
            hidden = channels[int(name[len("down_blocks.")])]
        ip_adapter[f"{key_id}.to_k_ip.weight"] = weights(hidden, cross)
        ip_adapter[f"{key_id}.to_v_ip.weight"] = weights(hidden, cross)
        key_id += 2
    return {"image_proj": image_proj, "ip_adapter": ip_adapter}


@lru_cache(maxsize=1)
def _shared_pipeline():
    return build_tiny_pipeline()


class TinyGenerator:
    """The diffusers backend over the tiny pipeline, with a tiny IP-Adapter."""

    name = "tiny"

    def __init__(self, fresh: bool = False, **options) -> None:
        from pipelines.imaging.generators.diffusers_backend import DiffusersGenerator

        pipe = build_tiny_pipeline() if fresh else _shared_pipeline()
        self._inner = DiffusersGenerator.from_pipeline(
            pipe,
            TINY_ENTRY,
            backend="tiny",
            adapter=lambda: tiny_ip_adapter_state_dict(pipe.unet),
            **options,
        )

    @property
    def pipeline(self):
        return self._inner.pipeline

    def generate(self, spec, on_step=None):
        return self._inner.generate(spec, on_step)
