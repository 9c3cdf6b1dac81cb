"""Character references through the real diffusers IP-Adapter code, with a tiny adapter built in code."""

import io

import pytest
from PIL import Image

from pipelines.imaging.generators import FrameSpec
from pipelines.imaging.generators.diffusers_backend import DiffusersGenerator
from pipelines.imaging.generators.tiny import TINY_ENTRY, TinyGenerator, tiny_ip_adapter_state_dict
from studio.errors import SlatebookError

SPEC = FrameSpec(prompt="Maya at the rail", width=96, height=64, seed=5, subjects=["MAYA"])


def png(colour: str, size=(48, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def tiny():
    return TinyGenerator(fresh=True)  # its own pipeline: loading the adapter changes the UNet


def test_tiny_adapter_has_the_layout_diffusers_expects(tiny):
    unet = tiny.pipeline.unet
    state = tiny_ip_adapter_state_dict(unet)
    cross_layers = [n for n in unet.attn_processors if n.endswith("attn2.processor")]
    assert sorted(state["ip_adapter"]) == sorted(
        f"{k}.to_{kv}_ip.weight" for k in range(1, 2 * len(cross_layers), 2) for kv in "kv")
    assert state["image_proj"]["proj.weight"].shape == (4 * unet.config.cross_attention_dim, 32)


def test_a_reference_steers_the_frame_and_is_recorded(tiny):
    without = tiny.generate(SPEC)
    red = tiny.generate(SPEC.model_copy(update={"references": {"MAYA": png("red")}}))
    blue = tiny.generate(SPEC.model_copy(update={"references": {"MAYA": png("blue")}}))
    assert len({without.png, red.png, blue.png}) == 3
    assert red.parameters["ip_adapter"] == "built-in test adapter"
    assert red.parameters["references"] == ["MAYA"] and red.parameters["ip_adapter_scale"] == 0.6
    # The adapter is really in the UNet now, through diffusers' own loader.
    assert type(tiny.pipeline.unet.encoder_hid_proj).__name__ == "MultiIPAdapterImageProjection"
    # Same reference, same seed: the same frame.
    assert tiny.generate(SPEC.model_copy(update={"references": {"MAYA": png("red")}})).png == red.png


def test_two_characters_in_frame_use_both_references_in_name_order(tiny):
    both = {"MAYA": png("red"), "JONAS": png("green")}
    first = tiny.generate(SPEC.model_copy(update={"references": both}))
    reordered = tiny.generate(SPEC.model_copy(update={"references": dict(reversed(list(both.items())))}))
    assert first.parameters["references"] == ["JONAS", "MAYA"]
    assert first.png == reordered.png
    assert first.png != tiny.generate(SPEC.model_copy(update={"references": {"MAYA": png("red")}})).png


def test_frames_without_references_are_unchanged_once_an_adapter_is_loaded(tiny):
    plain_spec = SPEC.model_copy(update={"seed": 99})
    never_adapted = TinyGenerator().generate(plain_spec)
    tiny.generate(SPEC.model_copy(update={"references": {"MAYA": png("red")}}))
    assert tiny.generate(plain_spec).png == never_adapted.png


def test_an_unreadable_reference_is_a_clear_error(tiny):
    with pytest.raises(SlatebookError, match="reference image for MAYA cannot be read"):
        tiny.generate(SPEC.model_copy(update={"references": {"MAYA": b"not a png"}}))


def test_a_model_without_adapter_support_draws_the_frame_and_says_references_were_not_applied(tiny):
    no_adapter = DiffusersGenerator.from_pipeline(TinyGenerator().pipeline, TINY_ENTRY, backend="tiny", adapter=None)
    image = no_adapter.generate(SPEC.model_copy(update={"references": {"MAYA": png("red")}}))
    assert "not applied" in image.parameters["ip_adapter"]
