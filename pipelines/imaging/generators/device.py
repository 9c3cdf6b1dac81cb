"""Where a model runs and how it is made to fit: device, dtype and memory savers.

The choice is a pure function of a few hardware facts (`Hardware`), so it can
be tested without a GPU; `probe()` reads those facts from torch.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass

from studio.errors import SlatebookError

# Room for activations, the VAE decode and the CUDA context on top of the weights.
ACTIVATION_GB = 2.5
GIB = 1024**3


@dataclass(frozen=True)
class Hardware:
    cuda: bool = False
    cuda_name: str = ""
    cuda_free_gb: float = 0.0
    cuda_total_gb: float = 0.0
    cuda_bf16: bool = False
    mps: bool = False
    ram_gb: float = 0.0


@dataclass(frozen=True)
class DevicePlan:
    device: str  # "cuda", "mps", "cpu"
    dtype: str  # "float16", "bfloat16", "float32"
    cpu_offload: bool = False  # enable_model_cpu_offload: one component on the GPU at a time
    attention_slicing: bool = False
    vae_tiling: bool = False
    why: str = ""

    @property
    def generator_device(self) -> str:
        # With offload the latents still live on the GPU, so the seed's generator does too;
        # MPS generators are not reproducible across runs, CPU ones are.
        return "cpu" if self.device == "mps" else self.device

    def as_parameters(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "why"}


def probe() -> Hardware:
    import torch

    cuda = torch.cuda.is_available()
    free = total = 0.0
    name = ""
    bf16 = False
    if cuda:
        free_b, total_b = torch.cuda.mem_get_info()
        free, total = free_b / GIB, total_b / GIB
        name = torch.cuda.get_device_name()
        bf16 = torch.cuda.is_bf16_supported()
    mps = bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())
    return Hardware(cuda, name, free, total, bf16, mps, _ram_gb())


def _ram_gb() -> float:
    try:
        import psutil

        return psutil.virtual_memory().available / GIB
    except ImportError:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / GIB


def plan_for(weights_gb: float, largest_gb: float, prefers_bf16: bool = False,
             hardware: Hardware | None = None, device: str | None = None, label: str = "This model") -> DevicePlan:
    """Pick a device and the memory settings that make `weights_gb` (half
    precision) fit; a model that cannot fit raises SlatebookError saying so.
    `device` forces "cuda", "mps" or "cpu"; weights_gb 0 means unknown size."""
    hw = hardware or probe()
    wanted = device or ("cuda" if hw.cuda else "mps" if hw.mps else "cpu")
    if wanted == "cuda" and not hw.cuda:
        raise SlatebookError("No CUDA GPU is available here.", "Choose the automatic device or the CPU.")
    if wanted == "mps" and not hw.mps:
        raise SlatebookError("Apple's Metal (MPS) is not available here.", "Choose the automatic device or the CPU.")

    if wanted == "cuda":
        dtype = "bfloat16" if prefers_bf16 and hw.cuda_bf16 else "float16"
        if not weights_gb or hw.cuda_free_gb >= weights_gb + ACTIVATION_GB:
            return DevicePlan("cuda", dtype, why=f"{hw.cuda_name}: the whole model fits in GPU memory")
        if hw.cuda_free_gb >= largest_gb + ACTIVATION_GB:
            return DevicePlan("cuda", dtype, cpu_offload=True, attention_slicing=True, vae_tiling=True,
                              why=f"{hw.cuda_free_gb:.0f} GB free on {hw.cuda_name}: components take turns on the GPU")
        raise SlatebookError(
            f"{label} does not fit on this GPU: it needs about {largest_gb + ACTIVATION_GB:.0f} GB free even with "
            f"CPU offload, and {hw.cuda_name or 'the GPU'} has {hw.cuda_free_gb:.1f} GB free.",
            "Close other programs using the GPU, pick a smaller model (SD-Turbo needs about 5 GB), "
            "or use layout sketches.",
        )

    if wanted == "mps":
        # Apple silicon shares memory with the CPU; slicing keeps peaks low on 16-32 GB machines.
        _check_ram(weights_gb, hw, label, "unified memory")
        return DevicePlan("mps", "float16", attention_slicing=True, vae_tiling=True,
                          why="Apple silicon (MPS), half precision with attention slicing")

    # Half precision is slow or unsupported on CPUs, so full precision: twice the weights.
    _check_ram(weights_gb * 2, hw, label, "memory")
    return DevicePlan("cpu", "float32", vae_tiling=True, why="no GPU: full precision on the CPU (slow)")


def _check_ram(need_gb: float, hw: Hardware, label: str, kind: str) -> None:
    if need_gb and hw.ram_gb and hw.ram_gb < need_gb + 2:
        raise SlatebookError(
            f"{label} does not fit in this machine's {kind}: it needs about {need_gb + 2:.0f} GB and "
            f"{hw.ram_gb:.0f} GB is free.",
            "Pick a smaller model (SD-Turbo), use a machine with a GPU, or use layout sketches.",
        )


def torch_dtype(name: str):
    import torch

    return {"float16": torch.float16, "bfloat16": torch.bfloat16, "float32": torch.float32}[name]
