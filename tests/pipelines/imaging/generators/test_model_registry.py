"""The model registry: licences as published, defaults per model, unknown models marked unknown."""

from pipelines.imaging.generators.registry import MODELS, entry_for


def test_licences_and_commercial_use_as_the_model_cards_state_them():
    assert MODELS["flux.1-schnell"].licence == "Apache-2.0" and MODELS["flux.1-schnell"].commercial_use is True
    for key in ("sdxl-lightning-4step", "lcm-lora-sdxl"):
        assert "OpenRAIL++" in MODELS[key].licence and MODELS[key].commercial_use is True
    for key in ("sd-turbo", "sdxl-turbo"):
        entry = MODELS[key]
        assert entry.licence == "Stability AI Community License"
        assert entry.commercial_use is None  # depends on the user's revenue
        assert "USD 1M" in entry.licence_note
    assert all(entry.licence_url.startswith("https://huggingface.co/") for entry in MODELS.values())


def test_defaults_are_the_few_step_settings_each_model_was_distilled_for():
    assert (MODELS["sd-turbo"].steps, MODELS["sd-turbo"].guidance) == (1, 0.0)
    assert (MODELS["sdxl-lightning-4step"].steps, MODELS["sdxl-lightning-4step"].guidance) == (4, 0.0)
    assert MODELS["sdxl-lightning-4step"].scheduler_config == {"timestep_spacing": "trailing"}
    assert MODELS["lcm-lora-sdxl"].scheduler == "LCMScheduler"
    assert MODELS["flux.1-schnell"].multiple == 16 and MODELS["flux.1-schnell"].prefers_bf16
    assert all(e.width % e.multiple == 0 and e.height % e.multiple == 0 for e in MODELS.values())


def test_ip_adapter_only_where_a_matching_adapter_exists():
    with_adapter = {key for key, entry in MODELS.items() if entry.ip_adapter}
    assert with_adapter == {"sdxl-lightning-4step", "lcm-lora-sdxl", "sdxl-turbo"}
    assert MODELS["sdxl-turbo"].ip_adapter.repo_id == "h94/IP-Adapter"


def test_entries_are_found_by_key_or_repo_and_anything_else_has_an_unknown_licence(tmp_path):
    assert entry_for("black-forest-labs/FLUX.1-schnell").key == "flux.1-schnell"
    assert entry_for("ByteDance/SDXL-Lightning").key == "sdxl-lightning-4step"
    other = entry_for("someone/their-finetune")
    assert other.licence == "unknown" and other.commercial_use is None and other.pipeline == "DiffusionPipeline"
    folder = entry_for(str(tmp_path))
    assert folder.label == tmp_path.name and folder.repo_id == str(tmp_path)
