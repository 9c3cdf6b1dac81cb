import stat

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID

from pipelines.provenance import certs
from pipelines.provenance.certs import local_roots_pem, project_cert_folder, project_root_pem, signing_identity
from studio.errors import SlatebookError
from studio.paths import data_home


def _chain(identity):
    return x509.load_pem_x509_certificates(identity.chain_pem)


def test_created_on_first_use_under_the_data_folder_and_reused():
    assert project_root_pem("p1") is None
    first = signing_identity("p1", "Night Ferry")
    folder = project_cert_folder("p1")
    assert folder == data_home() / "certs" / "p1"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == ["leaf.key", "leaf.pem", "root.key", "root.pem"]
    again = signing_identity("p1", "Renamed later")
    assert again.chain_pem == first.chain_pem
    assert again.private_key_pem == first.private_key_pem
    assert project_root_pem("p1") == first.root_pem


def test_leaf_is_issued_by_the_project_root_not_self_signed():
    identity = signing_identity("p1", "Night Ferry")
    leaf, root = _chain(identity)
    assert leaf.issuer == root.subject != leaf.subject
    root.public_key().verify(leaf.signature, leaf.tbs_certificate_bytes, ec.ECDSA(leaf.signature_hash_algorithm))
    assert leaf.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert leaf.extensions.get_extension_for_class(x509.KeyUsage).value.digital_signature
    assert isinstance(leaf.public_key(), ec.EllipticCurvePublicKey) and leaf.public_key().curve.name == "secp256r1"
    assert "Night Ferry" in leaf.subject.rfc4514_string()


def test_each_project_has_its_own_root_and_all_roots_are_trusted_locally():
    a = signing_identity("p1", "A")
    b = signing_identity("p2", "B")
    assert a.root_pem != b.root_pem
    roots = local_roots_pem()
    assert a.root_pem.decode() in roots and b.root_pem.decode() in roots


def test_private_keys_are_readable_by_the_owner_only():
    signing_identity("p1")
    folder = project_cert_folder("p1")
    for name in ("leaf.key", "root.key"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_repr_never_shows_the_key():
    identity = signing_identity("p1")
    assert "PRIVATE" not in repr(identity) and "p1" in repr(identity)


def test_a_leaf_near_its_end_is_reissued_by_the_same_root(monkeypatch):
    first = signing_identity("p1")
    monkeypatch.setattr(certs, "RENEW_BEFORE", certs.dt.timedelta(days=365 * 50))
    renewed = signing_identity("p1")
    assert renewed.private_key_pem != first.private_key_pem
    assert renewed.root_pem == first.root_pem
    assert _chain(renewed)[0].issuer == _chain(first)[1].subject


def test_a_damaged_leaf_key_is_replaced_under_the_same_root():
    first = signing_identity("p1")
    (project_cert_folder("p1") / "leaf.key").write_text("not a key")
    replaced = signing_identity("p1")
    assert replaced.private_key_pem != first.private_key_pem
    assert replaced.root_pem == first.root_pem


@pytest.mark.parametrize("bad", ["", "../escape", "a/b", "x" * 65])
def test_a_project_id_that_is_not_a_folder_name_is_refused(bad):
    with pytest.raises(SlatebookError):
        signing_identity(bad)
