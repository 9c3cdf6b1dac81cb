import pytest


@pytest.fixture(scope="package", autouse=True)
def _one_torch_thread():
    """The tiny pipeline's tensors are so small that extra threads only fight
    the other test processes on a shared machine; restore the count after."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(autouse=True)
def _empty_hugging_face_cache(tmp_path_factory, monkeypatch):
    """Weights a developer has downloaded must not change what these tests see."""
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path_factory.mktemp("hf_cache")))
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
