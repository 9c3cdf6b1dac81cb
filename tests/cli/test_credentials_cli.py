import io
import json

import numpy as np
from PIL import Image

from cli.main import main
from pipelines.provenance.sign import sign_image
from studio.models.provenance import AIRecord


def _png():
    out = io.BytesIO()
    Image.fromarray(np.random.default_rng(5).integers(0, 256, (40, 60, 3), dtype=np.uint8)).save(out, "PNG")
    return out.getvalue()


def test_credentials_reports_each_file_and_fails_on_a_tampered_one(tmp_path, capsys):
    record = AIRecord(kind="image", purpose="storyboard frame", provider="diffusers", model="tiny", seed=9)
    good = tmp_path / "12A.png"
    good.write_bytes(sign_image(_png(), title="12A", record=record, ai_generated=True, project_id="p1", project_name="Night Ferry"))
    assert main(["credentials", str(good)]) == 0
    out = capsys.readouterr().out
    assert "verified: AI-generated, signed by Night Ferry" in out and "diffusers tiny" in out and "seed 9" in out

    tampered = bytearray(good.read_bytes())
    tampered[tampered.find(b"IDAT") + 12] ^= 1
    bad = tmp_path / "12B.png"
    bad.write_bytes(bytes(tampered))
    assert main(["credentials", str(good), str(bad), "--json"]) == 1
    documents = json.loads(capsys.readouterr().out)
    assert [(d["file"].endswith("12A.png"), d["valid"]) for d in documents] == [(True, True), (False, False)]
    assert documents[0]["records"][0]["seed"] == 9


def test_credentials_explains_a_missing_file(tmp_path, capsys):
    assert main(["credentials", str(tmp_path / "nope.png")]) == 2
    assert "There is no file" in capsys.readouterr().err
