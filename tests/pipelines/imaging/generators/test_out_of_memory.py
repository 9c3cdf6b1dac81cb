"""Running out of GPU memory mid-frame: one retry with CPU offload, then a clear message, never a traceback."""

import pytest
import torch

from pipelines.imaging.generators import FrameSpec
from pipelines.imaging.generators.device import DevicePlan
from pipelines.imaging.generators.diffusers_backend import DiffusersGenerator
from pipelines.imaging.generators.registry import MODELS
from studio.errors import SlatebookError

SPEC = FrameSpec(prompt="harbour", width=1024, height=576)


class FakePipe:
    """Stands in for a pipeline on a GPU: records the memory settings it is given."""

    device = torch.device("cpu")
    dtype = torch.bfloat16

    def __init__(self):
        self.calls = []

    def to(self, device):
        self.calls.append(("to", device))
        return self

    def enable_model_cpu_offload(self):
        self.calls.append("offload")

    def enable_attention_slicing(self):
        self.calls.append("slicing")

    def maybe_free_model_hooks(self):
        self.calls.append("free hooks")


def on_gpu(monkeypatch, failures: int):
    pipe = FakePipe()
    generator = DiffusersGenerator.from_pipeline(pipe, MODELS["flux.1-schnell"])
    generator._plan = DevicePlan("cuda", "bfloat16", why="H100")
    attempts = []

    def draw(spec, on_step):
        attempts.append(generator._plan)
        if len(attempts) <= failures:
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return "image"

    monkeypatch.setattr(generator, "_draw", draw)
    return generator, pipe, attempts


def test_one_out_of_memory_switches_to_cpu_offload_and_draws_the_frame(monkeypatch):
    generator, pipe, attempts = on_gpu(monkeypatch, failures=1)
    assert generator.generate(SPEC) == "image"
    assert [plan.cpu_offload for plan in attempts] == [False, True]
    assert "offload" in pipe.calls and "free hooks" in pipe.calls


def test_out_of_memory_even_with_offload_is_a_clear_message(monkeypatch):
    generator, _pipe, attempts = on_gpu(monkeypatch, failures=2)
    with pytest.raises(SlatebookError) as refused:
        generator.generate(SPEC)
    assert refused.value.problem == "FLUX.1 [schnell] ran out of memory drawing a 1024x576 frame on cuda."
    assert "smaller" in refused.value.hint and "Finished frames are kept" in refused.value.hint
    assert len(attempts) == 2
