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
