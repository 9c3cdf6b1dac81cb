"""Weights on this machine: a local diffusers folder, the Hugging Face cache layout, and clear errors when absent."""

import pytest

from pipelines.imaging.generators import FrameSpec, generator_for, generator_for_settings
from pipelines.imaging.generators.device import Hardware
from pipelines.imaging.generators.diffusers_backend import DiffusersGenerator
from pipelines.imaging.generators.registry import MODELS
from pipelines.imaging.generators.sketch import SketchGenerator
from pipelines.imaging.generators.tiny import build_tiny_pipeline
from pipelines.imaging.generators.weights import _progress_bar_class, download_weights, find_weights
from studio.errors import SlatebookError

SPEC = FrameSpec(prompt="night harbour", width=64, height=64, seed=2, steps=2, guidance=2.0)
ROOMY_CPU = Hardware(ram_gb=64)


@pytest.fixture(scope="module")
def saved_tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny_model")
    build_tiny_pipeline().save_pretrained(str(folder))
    return folder


def test_missing_weights_say_so_and_how_to_get_them(tmp_path):
    generator = DiffusersGenerator("sd-turbo", cache_dir=str(tmp_path), hardware=ROOMY_CPU)
    with pytest.raises(SlatebookError) as missing:
        generator.generate(SPEC)
    assert missing.value.problem == "The weights for SD-Turbo are not on this machine."
    assert "huggingface.co/stabilityai/sd-turbo" in missing.value.hint and "2.6 GB" in missing.value.hint
    lightning = DiffusersGenerator("sdxl-lightning-4step", cache_dir=str(tmp_path))
    with pytest.raises(SlatebookError, match="SDXL-Lightning") as missing:
        lightning.generate(SPEC)
    assert "ByteDance/SDXL-Lightning" in missing.value.hint


def test_without_a_model_or_its_weights_the_settings_fall_back_to_sketches():
    generator, why = generator_for_settings("")
    assert isinstance(generator, SketchGenerator) and "No image model" in why
    generator, why = generator_for_settings("flux.1-schnell")
    assert isinstance(generator, SketchGenerator) and "FLUX.1 [schnell] are not on this machine" in why
    with pytest.raises(SlatebookError, match="no image backend called 'dall-e'"):
        generator_for("dall-e")
    with pytest.raises(SlatebookError, match="No image model is chosen"):
        generator_for("diffusers")


def test_a_local_diffusers_folder_loads_and_redraws_the_tiny_pipelines_frame(saved_tiny):
    from pipelines.imaging.generators.tiny import TinyGenerator

    local = DiffusersGenerator(str(saved_tiny), hardware=ROOMY_CPU)
    image = local.generate(SPEC)
    assert image.model_revision == "local" and image.licence == "unknown" and image.commercial_use is None
    assert image.png == TinyGenerator().generate(SPEC).png  # same weights, same record: same pixels


def test_available_backends_list_every_model_and_a_folder_from_the_settings(saved_tiny, tmp_path):
    from pipelines.imaging.generators import available_backends

    statuses = {status.model: status for status in available_backends(also=str(saved_tiny))}
    assert statuses["layout sketch"].unavailable == ""
    assert "not on this machine" in statuses["flux.1-schnell"].unavailable
    assert statuses[str(saved_tiny)].unavailable == ""
    assert "not on this machine" in {s.model: s for s in available_backends(also=str(tmp_path))}[str(tmp_path)].unavailable


def test_the_hugging_face_cache_layout_is_found_with_its_revision(saved_tiny, tmp_path):
    import shutil

    entry = MODELS["sd-turbo"]
    repo = tmp_path / "models--stabilityai--sd-turbo"
    snapshot = repo / "snapshots" / "0123456789abcdef0123456789abcdef01234567"
    shutil.copytree(saved_tiny, snapshot)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(snapshot.name)
    found = find_weights(entry, str(tmp_path))
    assert found is not None and found.folder == snapshot and found.revision == snapshot.name
    # A snapshot without weight files (an interrupted download) does not count.
    for weights in snapshot.glob("*/*.safetensors"):
        weights.unlink()
    assert find_weights(entry, str(tmp_path)) is None


def test_downloads_fail_with_a_clear_message_when_offline(monkeypatch, tmp_path):
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(SlatebookError) as failed:
        download_weights(MODELS["sd-turbo"], cache_dir=str(tmp_path))
    assert failed.value.problem.startswith("Could not download stabilityai/sd-turbo")
    assert "cannot reach huggingface.co" in failed.value.problem and "Error" not in failed.value.problem
    assert "internet connection" in failed.value.hint


def test_download_progress_reports_fractions():
    seen = []
    bar = _progress_bar_class(lambda fraction, message: seen.append(round(fraction, 2)), "SD-Turbo")(total=200,
                                                                                                    desc="unet")
    bar.update(50)
    bar.update(150)
    assert seen == [0.25, 1.0]


def test_a_registry_model_in_the_cache_loads_its_half_precision_files_and_records_its_revision(tmp_path):
    # The tiny weights saved under SD-Turbo's name and file layout (fp16 variant files), as
    # `hf download stabilityai/sd-turbo` leaves them: the registry path runs end to end on the CPU.
    import torch

    repo = tmp_path / "models--stabilityai--sd-turbo"
    snapshot = repo / "snapshots" / "fedcba9876543210fedcba9876543210fedcba98"
    pipe = build_tiny_pipeline()
    pipe.save_pretrained(str(snapshot), variant="fp16")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(snapshot.name)

    generator = DiffusersGenerator("sd-turbo", cache_dir=str(tmp_path), hardware=ROOMY_CPU)
    image = generator.generate(FrameSpec(prompt="night harbour", width=64, height=64, seed=2))
    assert image.model_id == "sd-turbo" and image.model_revision == snapshot.name
    assert image.licence == "Stability AI Community License" and image.commercial_use is None
    assert (image.parameters["steps"], image.parameters["guidance"]) == (1, 0.0)  # SD-Turbo's own defaults
    assert image.parameters["dtype"] == "float32" and generator.pipeline.unet.dtype == torch.float32
