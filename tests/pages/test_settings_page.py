"""The Settings page: data folder, Claude model, reviewer name, and the key never shown."""

from __future__ import annotations

import pytest
from apptest_kit import catalog, finish_job, go, texts

from pipelines.sample import SAMPLE_PROJECT

from studio.settings import DEFAULT_LLM_MODEL, load_settings, save_settings

FAKE_KEY = "fake-test-key-0123456789abcdef"


@pytest.fixture
def settings(app):
    return go(app, "settings")


def _field(at, label):
    return next(t for t in at.text_input if t.label == label)


def _everything_shown(at) -> str:
    parts = []
    for kind in ("markdown", "text_input", "caption", "info", "success", "warning", "error", "code", "text"):
        for element in at.get(kind):
            parts.append(str(getattr(element, "value", "")))
            parts.append(str(getattr(element, "label", "")))
            parts.append(str(getattr(element, "help", "")))
    return "\n".join(parts)


def test_shows_the_data_folder_read_only_and_the_defaults(settings, home):
    folder = _field(settings, "Data folder")
    assert folder.value == str(home) and folder.disabled
    assert _field(settings, "Claude model id").value == DEFAULT_LLM_MODEL
    assert _field(settings, "Your name").value == ""


def test_says_when_no_key_is_set(settings):
    assert any("No Anthropic API key is set" in t for t in texts(settings.info))


def test_says_a_key_is_set_and_never_shows_it(app, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", FAKE_KEY)
    at = go(app, "settings")
    assert any("key is set" in t for t in texts(at.success))
    assert FAKE_KEY not in _everything_shown(at)
    assert FAKE_KEY[-6:] not in _everything_shown(at)


def test_a_key_in_streamlit_secrets_counts(app):
    app.secrets["ANTHROPIC_API_KEY"] = FAKE_KEY
    at = go(app, "settings")
    assert any("key is set" in t for t in texts(at.success))
    assert FAKE_KEY not in _everything_shown(at)


def test_saving_writes_settings_json_and_keeps_other_settings(settings, home):
    save_settings(load_settings().model_copy(update={"image_model": "local/sdxl"}))
    settings.run()
    _field(settings, "Claude model id").input("claude-opus-4-1")
    _field(settings, "Your name").input("  Dana Line  ")
    settings.button(key="FormSubmitter:settings-Save settings").click().run()
    assert not settings.exception
    saved = load_settings()
    assert (saved.llm_model, saved.user_name, saved.image_model) == ("claude-opus-4-1", "Dana Line", "local/sdxl")
    assert (home / "settings.json").is_file()
    assert FAKE_KEY not in (home / "settings.json").read_text()
    assert any("Saved" in t for t in texts(settings.success))


def test_an_empty_model_goes_back_to_the_default(settings):
    _field(settings, "Claude model id").input("")
    settings.button(key="FormSubmitter:settings-Save settings").click().run()
    assert load_settings().llm_model == DEFAULT_LLM_MODEL


# --- the image model


@pytest.fixture
def hub(tmp_path, monkeypatch):
    """An empty Hugging Face cache with downloads switched off, and a machine without a GPU."""
    from huggingface_hub import constants

    import ui.settings_images as section
    from pipelines.imaging.generators.device import Hardware

    cache = tmp_path / "hf-cache"
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(section, "probe", lambda: Hardware(ram_gb=64.0))
    return cache


def _diffusers_folder(folder):
    (folder / "unet").mkdir(parents=True)
    (folder / "model_index.json").write_text('{"_class_name": "StableDiffusionPipeline"}')
    (folder / "unet" / "diffusion_pytorch_model.safetensors").write_bytes(b"not really weights")
    return folder


def _images(app):
    at = go(app, "settings")
    return at


def _save_image_model(at):
    at.button(key="settings_images.save").click().run()
    assert not at.exception, at.exception
    return at


def test_the_model_list_shows_each_licence_and_commercial_use(app, hub):
    at = _images(app)
    table = at.dataframe[0].value.set_index("Key")
    assert table.loc["flux.1-schnell", "Licence"] == "Apache-2.0"
    assert table.loc["flux.1-schnell", "Commercial use"] == "yes"
    assert table.loc["sdxl-lightning-4step", "Licence"] == "CreativeML OpenRAIL++-M"
    assert table.loc["sdxl-lightning-4step", "Commercial use"] == "within use restrictions"
    assert table.loc["sd-turbo", "Commercial use"] == "only below USD 1M revenue"
    assert table.loc["sd-turbo", "Steps"] == 1 and table.loc["sd-turbo", "Default size"] == "512×512"
    assert table.loc["sd-turbo", "Weights"] == "weights not on this machine"
    assert table.loc["sd-turbo", "Download size"] == "2.6 GB"
    assert any("Automatic on this machine: CPU" in t for t in texts(at.caption))


def test_choosing_a_model_and_device_saves_them_and_keeps_the_rest(app, hub):
    save_settings(load_settings().model_copy(update={"user_name": "Dana Line"}))
    at = _images(app)
    at.selectbox(key="settings_images.model").set_value("sd-turbo").run()
    assert any("Automatic on this machine: CPU · float32" in t for t in texts(at.caption))
    assert any("commercial use:** only below USD 1M revenue" in t for t in texts(at.markdown))
    at.selectbox(key="settings_images.device").set_value("cpu").run()
    _save_image_model(at)
    saved = load_settings()
    assert (saved.image_model, saved.image_device, saved.user_name) == ("sd-turbo", "cpu", "Dana Line")
    assert any("Image model saved" in t for t in texts(at.success))
    # Drawn again, the page shows what was saved.
    at = go(app, "settings")
    assert at.selectbox(key="settings_images.model").value == "sd-turbo"
    assert at.selectbox(key="settings_images.device").value == "cpu"


def test_a_device_this_machine_lacks_is_refused(app, hub):
    at = _images(app)
    at.selectbox(key="settings_images.model").set_value("sd-turbo").run()
    at.selectbox(key="settings_images.device").set_value("cuda").run()
    assert any("No CUDA GPU is available here" in t for t in texts(at.warning))
    _save_image_model(at)
    assert load_settings().image_device == ""
    assert any("no CUDA GPU on this machine" in t for t in texts(at.error))


def test_a_folder_that_is_not_a_diffusers_model_gets_a_clear_message(app, hub, tmp_path):
    plain = tmp_path / "holiday-photos"
    plain.mkdir()
    at = _images(app)
    at.selectbox(key="settings_images.model").set_value("other").run()
    at.text_input(key="settings_images.other").input(str(plain)).run()
    assert not at.exception
    assert any("is not a diffusers model folder" in t and "model_index.json" in t for t in texts(at.error))
    _save_image_model(at)
    assert load_settings().image_model == ""
    at.text_input(key="settings_images.other").input(str(tmp_path / "nowhere")).run()
    assert any("There is no folder at" in t for t in texts(at.error))
    at.text_input(key="settings_images.other").input("not a repo id").run()
    assert any("neither a folder on this machine nor a Hugging Face repo id" in t for t in texts(at.error))


def test_a_local_diffusers_folder_is_saved_with_an_unknown_licence(app, hub, tmp_path):
    folder = _diffusers_folder(tmp_path / "my-model")
    at = _images(app)
    at.selectbox(key="settings_images.model").set_value("other").run()
    at.text_input(key="settings_images.other").input(str(folder)).run()
    assert not texts(at.error)
    assert any(f"Weights on this machine: {folder}" in t for t in texts(at.success))
    assert any("**Licence:** unknown" in t for t in texts(at.markdown))
    _save_image_model(at)
    assert load_settings().image_model == str(folder)
    assert at.text_input(key="settings_images.other").value == str(folder)


def test_a_repo_id_is_saved_and_says_how_to_fetch_it(app, hub):
    at = _images(app)
    at.selectbox(key="settings_images.model").set_value("other").run()
    at.text_input(key="settings_images.other").input("someone/film-look-xl").run()
    assert any("hf download someone/film-look-xl" in t for t in texts(at.warning))
    _save_image_model(at)
    assert load_settings().image_model == "someone/film-look-xl"


def test_download_offline_ends_with_the_clear_message(app, hub):
    from pipelines.imaging.generators.choice import DOWNLOAD_JOB

    at = _images(app)
    at.selectbox(key="settings_images.model").set_value("sd-turbo").run()
    info = " ".join(texts(at.info))
    assert "about 2.6 GB" in info and str(hub) in info and "only when you click" in info
    assert any("HF_HUB_OFFLINE is set" in t for t in texts(at.warning))
    at.button(key="settings_images.download").click().run()
    job = finish_job(at, SAMPLE_PROJECT, DOWNLOAD_JOB, timeout=30)
    assert job.params == {"model": "sd-turbo"}
    assert job.status.value == "failed"
    assert "Could not download stabilityai/sd-turbo" in job.error and "internet connection" in job.error
    shown = " ".join(texts(at.error))
    assert "The download stopped: Could not download stabilityai/sd-turbo" in shown
    assert "Traceback" not in _everything_shown(at)
    assert at.button(key="jobs.resume.image-weights")


def test_a_download_reports_progress_and_stops_on_cancel(monkeypatch):
    from pipelines.imaging.generators.weights import LocalWeights
    from studio import jobs
    from studio.models import JobStatus, Project
    from studio.store.memory_repo import InMemoryProjectRepository

    import pipelines.imaging.generators.choice as section

    monkeypatch.setattr(section, "PROGRESS_EVERY_S", 0.0)
    repo = InMemoryProjectRepository(Project(name="Downloads"))
    chunks = []

    def fake_download(entry, progress):
        for i in range(10):
            if i == 3:
                jobs.request_cancel(repo, jobs.latest_job(repo, section.DOWNLOAD_JOB).id)
            progress(i / 10, f"Downloading {entry.label}: file {i}")
            chunks.append(i)
        return LocalWeights(entry.repo_id, "abc")

    monkeypatch.setattr(section, "download_weights", fake_download)
    job = jobs.start_job(repo, section.DOWNLOAD_JOB, {"model": "sd-turbo"}, section.download_work, background=False)
    assert job.status == JobStatus.CANCELLED
    assert chunks == [0, 1, 2]
    assert jobs.latest_job(repo, section.DOWNLOAD_JOB).progress == pytest.approx(0.2)

    monkeypatch.setattr(section, "download_weights", lambda entry, progress: (progress(1.0, "done"), LocalWeights("/cache/sd", "abc"))[1])
    done = jobs.resume_job(repo, job.id, section.download_work, background=False)
    assert done.status == JobStatus.DONE and done.result["model"] == "sd-turbo" and done.result["folder"] == "/cache/sd"


def test_the_boards_preselect_the_settings_model_when_its_weights_are_here(app, hub, tmp_path):
    folder = _diffusers_folder(tmp_path / "house-style")
    save_settings(load_settings().model_copy(update={"image_model": str(folder)}))
    at = go(app, "storyboard")
    picker = at.selectbox(key="storyboard.backend")
    assert picker.value == f"{folder} (diffusers)"
    save_settings(load_settings().model_copy(update={"image_model": "sd-turbo"}))  # no weights here
    at = go(app, "moodboard")
    assert at.selectbox(key="moodboard.backend").value.startswith("Layout sketch")


def test_weights_in_the_hugging_face_cache_are_found_and_not_offered_for_download(app, hub):
    commit = "0123456789abcdef0123456789abcdef01234567"
    cached = hub / "models--stabilityai--sd-turbo"
    (cached / "refs").mkdir(parents=True)
    (cached / "refs" / "main").write_text(commit)
    _diffusers_folder(cached / "snapshots" / commit)
    at = _images(app)
    table = at.dataframe[0].value.set_index("Key")
    assert table.loc["sd-turbo", "Weights"] == "on this machine"
    assert table.loc["sdxl-turbo", "Weights"] == "weights not on this machine"
    at.selectbox(key="settings_images.model").set_value("sd-turbo").run()
    assert any("Weights on this machine" in t and commit in t for t in texts(at.success))
    assert not [b for b in at.button if b.key == "settings_images.download"]
