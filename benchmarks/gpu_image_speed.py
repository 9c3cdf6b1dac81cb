"""Images per second for real-size image models on a GPU, before downloading any weights.

    python benchmarks/gpu_image_speed.py [--arch sd-turbo sdxl flux.1-schnell] [--runs 5] [--json]
    python benchmarks/gpu_image_speed.py --cpu-smoke   # no GPU: build shrunken models, one step, to check the script

Each pipeline is built from configs written here at the published architecture
sizes (SD-Turbo = the SD 2.1 UNet with OpenCLIP ViT-H; SDXL = the SDXL UNet with
CLIP ViT-L and OpenCLIP ViT-bigG; FLUX.1-schnell = the 12B Flux transformer with
CLIP ViT-L and T5-XXL), filled with random weights directly on the GPU in half
precision. Speed does not depend on the weights' values, so this is the speed
the real models run at; the pictures are noise and are not kept. Each timed
image includes the text encoders, every denoising step and the VAE decode.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from table import print_table  # noqa: E402

GIB = 1024**3


def _ch(channels: int, scale: float, quantum: int = 32) -> int:
    """A channel count scaled down, kept a multiple of `quantum` (GroupNorm needs 32)."""
    return max(quantum, round(channels * scale / quantum) * quantum)


def _layers(count: int, scale: float) -> int:
    return max(1, round(count * scale))


def _heads(width: int, head_dim: int = 64) -> int:
    return max(1, width // head_dim)


# -- configs at the published sizes (scale 1.0) ---------------------------------


def clip_text_config(hidden: int, layers: int, scale: float, projection: int | None = None, act: str = "quick_gelu"):
    from transformers import CLIPTextConfig

    width = _ch(hidden, scale)
    return CLIPTextConfig(
        vocab_size=49408,
        hidden_size=width,
        intermediate_size=width * 4,
        num_hidden_layers=_layers(layers, scale),
        num_attention_heads=_heads(width),
        max_position_embeddings=77,
        hidden_act=act,
        projection_dim=_ch(projection, scale) if projection else width,
    )


def t5_xxl_config(scale: float):
    from transformers import T5Config

    width = _ch(4096, scale)
    return T5Config(
        vocab_size=32128,
        d_model=width,
        d_ff=_ch(10240, scale),
        d_kv=64 if scale >= 1 else max(8, width // 4),
        num_layers=_layers(24, scale),
        num_heads=64 if scale >= 1 else 4,
        feed_forward_proj="gated-gelu",
        is_encoder_decoder=False,
        use_cache=False,
    )


def vae_config(scale: float, latent_channels: int = 4, flux: bool = False) -> dict:
    config = dict(
        in_channels=3,
        out_channels=3,
        block_out_channels=tuple(_ch(c, scale) for c in (128, 256, 512, 512)),
        down_block_types=("DownEncoderBlock2D",) * 4,
        up_block_types=("UpDecoderBlock2D",) * 4,
        layers_per_block=2 if scale >= 0.5 else 1,
        latent_channels=latent_channels,
        sample_size=1024 if flux else 768,
    )
    if flux:
        config.update(scaling_factor=0.3611, shift_factor=0.1159, use_quant_conv=False, use_post_quant_conv=False)
    return config


def sd21_unet_config(scale: float) -> dict:
    channels = tuple(_ch(c, scale) for c in (320, 640, 1280, 1280))
    return dict(
        sample_size=64,  # SD-Turbo draws 512x512
        in_channels=4,
        out_channels=4,
        layers_per_block=2,
        block_out_channels=channels,
        down_block_types=("CrossAttnDownBlock2D",) * 3 + ("DownBlock2D",),
        up_block_types=("UpBlock2D",) + ("CrossAttnUpBlock2D",) * 3,
        attention_head_dim=tuple(_heads(c) for c in channels),  # diffusers reads this as the head count
        cross_attention_dim=_ch(1024, scale),
        use_linear_projection=True,
    )


def sdxl_unet_config(scale: float) -> dict:
    channels = tuple(_ch(c, scale) for c in (320, 640, 1280))
    time_dim = max(8, round(256 * scale / 8) * 8)
    pooled = _ch(1280, scale)
    return dict(
        sample_size=128,
        in_channels=4,
        out_channels=4,
        layers_per_block=2,
        block_out_channels=channels,
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"),
        transformer_layers_per_block=(1, _layers(2, scale), _layers(10, scale)),
        attention_head_dim=tuple(_heads(c) for c in channels),
        cross_attention_dim=_ch(768, scale) + _ch(1280, scale),
        use_linear_projection=True,
        addition_embed_type="text_time",
        addition_time_embed_dim=time_dim,
        projection_class_embeddings_input_dim=time_dim * 6 + pooled,
    )


def flux_transformer_config(scale: float) -> dict:
    head_dim, rope = (128, (16, 56, 56)) if scale >= 1 else (16, (4, 6, 6))
    return dict(
        patch_size=1,
        in_channels=64,  # 16 latent channels packed 2x2
        num_layers=_layers(19, scale),
        num_single_layers=_layers(38, scale),
        attention_head_dim=head_dim,
        num_attention_heads=24 if scale >= 1 else 2,
        joint_attention_dim=_ch(4096, scale),
        pooled_projection_dim=_ch(768, scale),
        guidance_embeds=False,  # schnell is guidance-distilled without a guidance input
        axes_dims_rope=rope,
    )


# -- pipelines --------------------------------------------------------------------


@dataclass
class Built:
    pipe: object
    encode: Callable[[], dict]  # runs the text encoders, returns the pipeline's embedding arguments
    call: dict  # the rest of the pipeline arguments


@contextmanager
def building_on(device: str, dtype):
    """Create parameters directly on the device in the benchmark's dtype: a
    12B-parameter model would not fit in fp32 on the CPU first."""
    import torch

    before = torch.get_default_dtype()
    torch.set_default_dtype(dtype)
    try:
        with torch.device(device):
            yield
    finally:
        torch.set_default_dtype(before)


def _tokenizer():
    from pipelines.imaging.generators.tiny import write_tokenizer_files
    from transformers import CLIPTokenizer

    with tempfile.TemporaryDirectory() as folder:
        return CLIPTokenizer.from_pretrained(str(write_tokenizer_files(Path(folder))), model_max_length=77)


def _ids(length: int, vocab: int, device: str):
    import torch

    return torch.randint(0, vocab, (1, length), device=device, generator=torch.Generator(device).manual_seed(0))


def build_sd_turbo(scale: float, device: str, dtype) -> Built:
    from diffusers import AutoencoderKL, EulerDiscreteScheduler, StableDiffusionPipeline, UNet2DConditionModel
    from transformers import CLIPTextModel

    with building_on(device, dtype):
        unet = UNet2DConditionModel(**sd21_unet_config(scale))
        vae = AutoencoderKL(**vae_config(scale))
        text = CLIPTextModel(clip_text_config(1024, 23, scale, act="gelu"))
    pipe = StableDiffusionPipeline(vae=vae, text_encoder=text, tokenizer=_tokenizer(), unet=unet,
                                   scheduler=EulerDiscreteScheduler(timestep_spacing="trailing", steps_offset=1),
                                   safety_checker=None, feature_extractor=None, requires_safety_checker=False)

    def encode():
        return {"prompt_embeds": text(_ids(77, 49408, device))[0]}

    return Built(pipe, encode, {"num_inference_steps": 1, "guidance_scale": 0.0, "width": 512, "height": 512})


def build_sdxl(scale: float, device: str, dtype, steps: int = 4, size: int = 1024) -> Built:
    from diffusers import AutoencoderKL, EulerDiscreteScheduler, StableDiffusionXLPipeline, UNet2DConditionModel
    from transformers import CLIPTextModel, CLIPTextModelWithProjection

    with building_on(device, dtype):
        unet = UNet2DConditionModel(**sdxl_unet_config(scale))
        vae = AutoencoderKL(**vae_config(scale))
        text = CLIPTextModel(clip_text_config(768, 12, scale))
        text_2 = CLIPTextModelWithProjection(clip_text_config(1280, 32, scale, projection=1280, act="gelu"))
    tokenizer = _tokenizer()
    pipe = StableDiffusionXLPipeline(vae=vae, text_encoder=text, text_encoder_2=text_2, tokenizer=tokenizer,
                                     tokenizer_2=tokenizer, unet=unet,
                                     scheduler=EulerDiscreteScheduler(timestep_spacing="trailing", steps_offset=1))

    def encode():
        import torch

        ids = _ids(77, 49408, device)
        first = text(ids, output_hidden_states=True).hidden_states[-2]
        second = text_2(ids, output_hidden_states=True)
        return {"prompt_embeds": torch.cat([first, second.hidden_states[-2]], dim=-1),
                "pooled_prompt_embeds": second.text_embeds}

    return Built(pipe, encode, {"num_inference_steps": steps, "guidance_scale": 0.0, "width": size, "height": size})


def build_flux_schnell(scale: float, device: str, dtype) -> Built:
    from diffusers import AutoencoderKL, FlowMatchEulerDiscreteScheduler, FluxPipeline, FluxTransformer2DModel
    from transformers import CLIPTextModel, T5EncoderModel

    with building_on(device, dtype):
        transformer = FluxTransformer2DModel(**flux_transformer_config(scale))
        vae = AutoencoderKL(**vae_config(scale, latent_channels=16, flux=True))
        text = CLIPTextModel(clip_text_config(768, 12, scale))
        t5 = T5EncoderModel(t5_xxl_config(scale))
    tokenizer = _tokenizer()  # never used: the embeddings are passed in
    pipe = FluxPipeline(scheduler=FlowMatchEulerDiscreteScheduler(shift=1.0, use_dynamic_shifting=False),
                        vae=vae, text_encoder=text, tokenizer=tokenizer, text_encoder_2=t5, tokenizer_2=tokenizer,
                        transformer=transformer)

    def encode():
        return {"pooled_prompt_embeds": text(_ids(77, 49408, device)).pooler_output,
                "prompt_embeds": t5(_ids(256, 32128, device)).last_hidden_state}

    return Built(pipe, encode, {"num_inference_steps": 4, "guidance_scale": 0.0, "width": 1024, "height": 1024,
                                "max_sequence_length": 256})


@dataclass(frozen=True)
class Arch:
    name: str
    build: Callable
    dtypes: tuple[str, ...]
    note: str


ARCHS = {
    a.name: a
    for a in [
        Arch("sd-turbo", build_sd_turbo, ("float16", "bfloat16"), "SD 2.1 UNet, 512x512, 1 step"),
        Arch("sdxl-turbo", lambda s, d, t: build_sdxl(s, d, t, steps=1, size=512), ("float16", "bfloat16"),
             "SDXL UNet, 512x512, 1 step"),
        Arch("sdxl-lightning", build_sdxl, ("float16", "bfloat16"), "SDXL UNet, 1024x1024, 4 steps"),
        Arch("flux.1-schnell", build_flux_schnell, ("bfloat16",), "Flux 12B transformer + T5-XXL, 1024x1024, 4 steps"),
    ]
}


def parameter_count(pipe) -> int:
    import torch

    return sum(p.numel() for c in pipe.components.values() if isinstance(c, torch.nn.Module) for p in c.parameters())


def measure(arch: Arch, dtype_name: str, device: str, scale: float, runs: int, smoke: bool) -> dict:
    import torch

    dtype = getattr(torch, dtype_name)
    cuda = device == "cuda"
    if cuda:
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
    started = time.perf_counter()
    built = arch.build(scale, device, dtype)
    built.pipe.set_progress_bar_config(disable=True)
    for component in built.pipe.components.values():
        if isinstance(component, torch.nn.Module):
            component.eval()  # built, not loaded, so still in training mode (dropout on)
    build_s = time.perf_counter() - started
    call = dict(built.call)
    if smoke:  # one step on a thumbnail: proves the graph runs, measures nothing
        call.update(num_inference_steps=1, width=128, height=128)

    def one_image():
        with torch.inference_mode():
            embeds = built.encode()
            built.pipe(**embeds, **call, output_type="pt", generator=torch.Generator(device).manual_seed(0))
        if cuda:
            torch.cuda.synchronize()

    one_image()  # warm-up: kernels chosen, memory pools filled
    seconds = []
    for _ in range(1 if smoke else runs):
        started = time.perf_counter()
        one_image()
        seconds.append(time.perf_counter() - started)
    median = statistics.median(seconds)
    row = {
        "arch": arch.name,
        "dtype": dtype_name,
        "size": f"{call['width']}x{call['height']}",
        "steps": call["num_inference_steps"],
        "params (B)": f"{parameter_count(built.pipe) / 1e9:.2f}",
        "build s": f"{build_s:.1f}",
        "s/image": f"{median:.3f}",
        "images/s": f"{1 / median:.2f}",
        "peak GiB": f"{torch.cuda.max_memory_allocated() / GIB:.1f}" if cuda else "-",
    }
    del built
    if cuda:
        torch.cuda.empty_cache()
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Images per second for real-size image model architectures on a GPU.")
    parser.add_argument("--arch", nargs="*", choices=list(ARCHS), default=list(ARCHS))
    parser.add_argument("--dtype", nargs="*", choices=["float16", "bfloat16"], help="default: each arch's own")
    parser.add_argument("--runs", type=int, default=5, help="timed images per row (after one warm-up)")
    parser.add_argument("--cpu-smoke", action="store_true",
                        help="no GPU needed: shrink every model and run one step at 128x128 (checks the script only)")
    parser.add_argument("--scale", type=float, default=None, help="shrink factor for widths and depths (default 1.0; "
                                                                  "0.02 with --cpu-smoke)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    import torch

    if args.cpu_smoke:
        device, scale = "cpu", args.scale or 0.02
    elif torch.cuda.is_available():
        device, scale = "cuda", args.scale or 1.0
    else:
        print("gpu_image_speed: no CUDA GPU here, so there is nothing to measure. Run it on a machine with a GPU, "
              "or pass --cpu-smoke to check that every pipeline builds and runs one step at a tiny scale.")
        return 0

    if device == "cuda":
        print(f"device: {torch.cuda.get_device_name()}, torch {torch.__version__}", flush=True)
    rows = []
    for name in args.arch:
        arch = ARCHS[name]
        dtypes = ["float32"] if args.cpu_smoke else [d for d in (args.dtype or arch.dtypes)]
        for dtype_name in dtypes:
            if dtype_name == "bfloat16" and device == "cuda" and not torch.cuda.is_bf16_supported():
                continue
            try:
                rows.append(measure(arch, dtype_name, device, scale, args.runs, args.cpu_smoke))
            except torch.OutOfMemoryError:
                torch.cuda.empty_cache()
                rows.append({"arch": name, "dtype": dtype_name, "size": "-", "steps": "-", "params (B)": "-",
                             "build s": "-", "s/image": "out of memory", "images/s": "-", "peak GiB": "-"})
            print(f"  {name} {dtype_name}: done", file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps({"device": device, "scale": scale, "rows": rows}, indent=2))
    else:
        print_table(rows)
        if args.cpu_smoke:
            print(f"\n--cpu-smoke: models shrunk to scale {scale}; these times say nothing about real speed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
