import hashlib
import io

import numpy as np
import pypdfium2
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from pipelines.provenance.certs import signing_identity
from pipelines.provenance.sign import sign_export, sign_image, sign_pdf
from pipelines.provenance.verify import read_credentials
from studio.errors import SlatebookError
from studio.models.provenance import AIRecord

PROMPT = "A ferry deck at night, rain, sodium light"


def _png(seed=1, size=(96, 64), fmt="PNG"):
    pixels = np.random.default_rng(seed).integers(0, 256, (size[1], size[0], 3), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, fmt)
    return out.getvalue()


def _record(**changes):
    values = dict(
        kind="image", purpose="storyboard frame", provider="diffusers", model="stabilityai/sd-turbo",
        model_version="b261bac", prompt=PROMPT, seed=421,
        parameters={"steps": 1, "guidance": 0.0, "width": 96, "height": 64, "negative_prompt": "blurry watermark"},
    )
    values.update(changes)
    return AIRecord(**values)


def _ai_image():
    return sign_image(_png(), title="12A", record=_record(), ai_generated=True, project_id="p1", project_name="Night Ferry")


def _pixels(data):
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def test_an_ai_image_declares_trained_algorithmic_media_and_its_record():
    signed = _ai_image()
    creds = read_credentials(signed, "image/png")
    assert creds.present and creds.valid and creds.trusted and creds.state == "Trusted"
    assert creds.ai_generated is True
    assert creds.digital_source_type == "trainedAlgorithmicMedia"
    assert creds.actions == ["c2pa.created"]
    assert creds.signer == "Night Ferry" and creds.issuer == "Slatebook"
    assert creds.title == "12A" and creds.generator.startswith("Slatebook")
    record = creds.record
    assert (record.provider, record.model, record.model_version, record.seed) == ("diffusers", "stabilityai/sd-turbo", "b261bac", 421)
    assert record.prompt_sha256 == hashlib.sha256(PROMPT.encode()).hexdigest()
    assert record.parameters == {"steps": 1, "guidance": 0.0, "width": 96, "height": 64}
    assert creds.problems == []
    assert creds.summary() == "Content Credentials verified: AI-generated, signed by Night Ferry"


def test_signing_keeps_the_pixels_and_never_embeds_the_prompt():
    original = _png()
    signed = sign_image(original, title="12A", record=_record(), ai_generated=True, project_id="p1")
    assert np.array_equal(_pixels(signed), _pixels(original))
    assert PROMPT.encode() not in signed and b"blurry watermark" not in signed


def test_a_sketch_declares_that_no_ai_was_used():
    creds = read_credentials(sign_image(_png(), title="12B", record=None, ai_generated=False, project_id="p1"), "png")
    assert creds.valid and creds.ai_generated is False
    assert creds.digital_source_type == "algorithmicMedia"
    assert creds.records == []
    assert "not AI-generated" in creds.summary()


def test_a_changed_pixel_byte_is_detected():
    signed = bytearray(_ai_image())
    idat = signed.find(b"IDAT")
    signed[idat + 20] ^= 0x01
    creds = read_credentials(bytes(signed), "image/png")
    assert creds.present and not creds.valid and creds.state == "Invalid"
    assert any("changed after it was signed" in p for p in creds.problems)
    assert creds.summary().startswith("Content Credentials do not verify")


def test_an_edited_statement_in_the_manifest_is_detected():
    signed = _ai_image()
    at = signed.find(b"stabilityai/sd-turbo")
    assert at > 0
    forged = signed[:at] + b"stabilityai/sd-turbX" + signed[at + 20 :]
    creds = read_credentials(forged, "image/png")
    assert not creds.valid
    assert any("edited after signing" in p for p in creds.problems)


def test_a_damaged_manifest_reads_as_present_but_invalid():
    signed = bytearray(_ai_image())
    box = signed.find(b"caBX")
    signed[box + 60 : box + 90] = b"\xff" * 30
    creds = read_credentials(bytes(signed), "image/png")
    assert creds.present and not creds.valid and creds.problems


def test_an_unsigned_or_re_encoded_image_has_no_credentials():
    assert not read_credentials(_png(), "image/png").present
    re_encoded = io.BytesIO()
    Image.open(io.BytesIO(_ai_image())).save(re_encoded, "PNG")
    creds = read_credentials(re_encoded.getvalue(), "image/png")
    assert not creds.present and creds.summary() == "No Content Credentials"


def test_a_file_signed_elsewhere_is_valid_but_not_trusted():
    signed = _ai_image()
    other_root = signing_identity("p2").root_pem.decode()
    for anchors in ("", other_root):
        creds = read_credentials(signed, "image/png", trust_pem=anchors)
        assert creds.valid and not creds.trusted
        assert "not from this machine" in creds.summary()


def test_jpeg_images_are_signed_too():
    creds = read_credentials(
        sign_image(_png(fmt="JPEG"), title="ref", record=_record(), ai_generated=True, project_id="p1", mime="image/jpeg"),
        "frame.jpg",
    )
    assert creds.valid and creds.ai_generated


def _pdf():
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.drawString(72, 720, "Scene 12 storyboard")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_a_pdf_export_is_signed_with_the_records_it_shows_and_still_opens():
    records = [_record(seed=1), _record(seed=2)]
    signed = sign_pdf(_pdf(), title="Storyboard, scene 12", project_id="p1", contains_ai=True, records=records)
    creds = read_credentials(signed, "application/pdf")
    assert creds.valid and creds.trusted and creds.ai_generated is True
    assert creds.digital_source_type == "compositeWithTrainedAlgorithmicMedia"
    assert [r.seed for r in creds.records] == [1, 2]
    document = pypdfium2.PdfDocument(signed)
    assert len(document) == 1
    assert "Scene 12 storyboard" in document[0].get_textpage().get_text_range()
    document.close()


def test_a_changed_pdf_is_detected():
    signed = sign_pdf(_pdf(), title="board", project_id="p1", contains_ai=False)
    at = signed.find(b"Scene 12")
    tampered = signed[:at] + b"Scene 13" + signed[at + 8 :] if at > 0 else signed[:200] + b"X" + signed[201:]
    assert not read_credentials(tampered, "application/pdf").valid


def test_sketch_only_exports_declare_a_synthetic_composite():
    creds = read_credentials(sign_pdf(_pdf(), title="board", project_id="p1", contains_ai=False), "pdf")
    assert creds.valid and creds.ai_generated is False
    assert creds.digital_source_type == "compositeSynthetic"


def test_gif_exports_are_signed():
    frames = [Image.fromarray(_pixels(_png(seed))) for seed in (1, 2)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=[500, 500])
    creds = read_credentials(sign_export(out.getvalue(), "image/gif", title="animatic", project_id="p1", contains_ai=True), "gif")
    assert creds.valid and creds.ai_generated


def test_bad_input_gets_a_message_not_a_traceback():
    with pytest.raises(SlatebookError, match="cannot carry Content Credentials"):
        sign_image(_png(), title="x", record=None, ai_generated=False, project_id="p1", mime="image/bmp")
    with pytest.raises(SlatebookError, match="empty"):
        sign_image(b"", title="x", record=None, ai_generated=False, project_id="p1")
    with pytest.raises(SlatebookError, match="could not sign"):
        sign_image(b"not a png at all", title="x", record=None, ai_generated=False, project_id="p1")
    with pytest.raises(SlatebookError, match="not a readable"):
        read_credentials(b"hello, not an image", "image/png")
