"""benchmarks/gpu_image_speed.py: its configs are the published architectures, and it runs without a GPU."""

import importlib.util
import sys
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parents[4]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("gpu_image_speed", ROOT / "benchmarks" / "gpu_image_speed.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["gpu_image_speed"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("gpu_image_speed", None)


def billions(model) -> float:
    return round(sum(p.numel() for p in model.parameters()) / 1e9, 3)


def test_full_scale_configs_have_the_published_parameter_counts(bench):
    from diffusers import FluxTransformer2DModel, UNet2DConditionModel
    from transformers import CLIPTextModel, CLIPTextModelWithProjection, T5EncoderModel

    # On the meta device: shapes only, no memory, so the 12B transformer costs nothing here.
    with bench.building_on("meta", torch.float16):
        assert billions(UNet2DConditionModel(**bench.sd21_unet_config(1.0))) == 0.866  # SD 2.1 / SD-Turbo
        assert billions(UNet2DConditionModel(**bench.sdxl_unet_config(1.0))) == 2.567  # SDXL
        assert billions(FluxTransformer2DModel(**bench.flux_transformer_config(1.0))) == 11.891  # FLUX.1
        assert billions(T5EncoderModel(bench.t5_xxl_config(1.0))) == 4.762  # T5-XXL encoder
        assert billions(CLIPTextModel(bench.clip_text_config(768, 12, 1.0))) == 0.123  # CLIP ViT-L/14
        assert billions(CLIPTextModelWithProjection(bench.clip_text_config(1280, 32, 1.0, projection=1280))) == 0.695


def test_without_a_gpu_it_refuses_politely(bench, monkeypatch, capsys):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert bench.main([]) == 0
    assert "no CUDA GPU here" in capsys.readouterr().out


def test_cpu_smoke_builds_and_runs_a_shrunken_flux_pipeline(bench, capsys):
    assert bench.main(["--cpu-smoke", "--arch", "flux.1-schnell", "--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert "flux.1-schnell" in out and "128x128" in out
