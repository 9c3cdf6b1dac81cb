"""Device choice: CUDA, MPS or CPU, with the dtype and memory savers that fit, or a clear refusal."""

import pytest
import torch

from pipelines.imaging.generators.device import Hardware, plan_for, probe
from studio.errors import SlatebookError

H100 = Hardware(cuda=True, cuda_name="H100", cuda_free_gb=79, cuda_total_gb=80, cuda_bf16=True, ram_gb=200)
RTX_3060 = Hardware(cuda=True, cuda_name="RTX 3060", cuda_free_gb=11.5, cuda_total_gb=12, cuda_bf16=True, ram_gb=32)
OLD_GPU = Hardware(cuda=True, cuda_name="GTX 1650", cuda_free_gb=3.5, cuda_total_gb=4, ram_gb=16)
MAC = Hardware(mps=True, ram_gb=24)
LAPTOP = Hardware(ram_gb=14)


def test_a_big_gpu_holds_the_whole_model_in_half_precision():
    plan = plan_for(6.9, 5.1, hardware=H100)
    assert (plan.device, plan.dtype, plan.cpu_offload) == ("cuda", "float16", False)
    assert plan_for(33.7, 23.8, prefers_bf16=True, hardware=H100).dtype == "bfloat16"


def test_bf16_only_where_the_gpu_supports_it():
    no_bf16 = Hardware(cuda=True, cuda_name="T4", cuda_free_gb=40, cuda_bf16=False, ram_gb=64)
    assert plan_for(33.7, 23.8, prefers_bf16=True, hardware=no_bf16).dtype == "float16"


def test_a_smaller_gpu_offloads_components_and_tiles_the_vae():
    plan = plan_for(6.9, 5.1, hardware=RTX_3060)
    assert plan.device == "cuda" and plan.cpu_offload is False  # SDXL fits in 11.5 GB
    plan = plan_for(9.5, 5.1, hardware=RTX_3060)
    assert plan.cpu_offload and plan.vae_tiling and plan.attention_slicing


def test_a_model_that_cannot_fit_is_refused_with_the_numbers():
    with pytest.raises(SlatebookError) as refused:
        plan_for(33.7, 23.8, prefers_bf16=True, hardware=RTX_3060, label="FLUX.1 [schnell]")
    assert "FLUX.1 [schnell] does not fit" in refused.value.problem
    assert "11.5 GB free" in refused.value.problem and "SD-Turbo" in refused.value.hint
    with pytest.raises(SlatebookError):
        plan_for(6.9, 5.1, hardware=OLD_GPU)


def test_apple_silicon_and_cpu():
    plan = plan_for(2.6, 1.7, hardware=MAC)
    assert (plan.device, plan.dtype, plan.attention_slicing, plan.generator_device) == ("mps", "float16", True, "cpu")
    cpu = plan_for(2.6, 1.7, hardware=LAPTOP)
    assert (cpu.device, cpu.dtype, cpu.cpu_offload) == ("cpu", "float32", False)
    with pytest.raises(SlatebookError, match="does not fit in this machine's memory"):
        plan_for(33.7, 23.8, hardware=LAPTOP)


def test_a_forced_device_that_is_not_here_is_refused():
    with pytest.raises(SlatebookError, match="No CUDA GPU"):
        plan_for(2.6, 1.7, hardware=LAPTOP, device="cuda")
    assert plan_for(2.6, 1.7, hardware=H100, device="cpu").device == "cpu"


def test_probe_reads_torch(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda *a: (20 * 1024**3, 24 * 1024**3))
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda *a: "RTX 4090")
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: True)
    hardware = probe()
    assert hardware.cuda and hardware.cuda_name == "RTX 4090" and round(hardware.cuda_free_gb) == 20
    plan = plan_for(6.9, 5.1, hardware=hardware)
    assert plan.device == "cuda" and plan.generator_device == "cuda"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert probe().cuda is False
