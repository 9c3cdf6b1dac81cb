"""The signing key never travels: not in the project folder, a bundle, or a signed file."""

import io
import zipfile

import numpy as np
from cryptography.hazmat.primitives import serialization
from PIL import Image

from pipelines.provenance.certs import project_cert_folder, signing_identity
from pipelines.provenance.sign import sign_image
from pipelines.provenance.verify import read_credentials
from studio.models.imaging import Frame
from studio.models.provenance import AIRecord
from studio.store.catalog import ProjectCatalog


def _key_fingerprints(pem: bytes) -> list[bytes]:
    key = serialization.load_pem_private_key(pem, password=None)
    scalar = key.private_numbers().private_value.to_bytes(32, "big")
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    body = b"".join(line for line in pem.splitlines() if not line.startswith(b"-----"))
    return [scalar, der, body[:40], body[-40:], b"PRIVATE KEY"]


def _png():
    pixels = np.random.default_rng(3).integers(0, 256, (48, 64, 3), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "PNG")
    return out.getvalue()


def test_a_signed_project_exports_without_any_key_material(tmp_path):
    catalog = ProjectCatalog()
    repo = catalog.create("Night Ferry")
    project = repo.get_project()
    record = AIRecord(kind="image", purpose="storyboard frame", provider="diffusers", model="tiny", seed=7)
    signed = sign_image(_png(), title="12A", record=record, ai_generated=True, project_id=project.id, project_name=project.name)
    name = repo.put_file(signed, ".png")
    repo.add_ai_record(record.model_copy(update={"assets": [name]}))
    repo.save_frames([Frame(file=name, width=64, height=48, backend="tiny", ai_record_id=record.id)])

    folder = project_cert_folder(project.id)
    project_folder = repo.file_path(name).parents[1]
    assert project_folder not in folder.parents and folder not in project_folder.parents

    identity = signing_identity(project.id)
    root_key = (folder / "root.key").read_bytes()
    secrets = _key_fingerprints(identity.private_key_pem) + _key_fingerprints(root_key)

    bundle = catalog.export_bundle("Night Ferry", tmp_path)
    with zipfile.ZipFile(bundle) as archive:
        contents = [archive.read(member) for member in archive.namelist()]
    assert any(c == signed for c in contents)  # the signed frame travels, with its public chain only
    everything = contents + [p.read_bytes() for p in project_folder.rglob("*") if p.is_file()] + [signed]
    for blob in everything:
        for secret in secrets:
            assert secret not in blob

    copy = catalog.import_bundle(bundle, name="Night Ferry copy")
    creds = read_credentials(copy.read_file(name), "image/png")
    assert creds.valid and creds.ai_generated and creds.record.seed == 7
