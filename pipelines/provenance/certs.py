"""Each project's signing certificate: a local root CA and a leaf it issued.

C2PA validators refuse a self-signed signing certificate, so the first time a
project signs anything Slatebook makes it a small private PKI: a root that
only issues certificates, and a leaf (ECDSA P-256, digitalSignature, the
emailProtection EKU C2PA accepts) that signs manifests. Both keys live in
`<data folder>/certs/<project id>/`, outside the project folder, so a bundle
or an export can never carry a private key; only the public certificates
travel, inside each signed file. A leaf that expires is reissued by the same
root, so older files still chain to the root this machine trusts.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from studio.atomic import write_atomically
from studio.errors import SlatebookError
from studio.paths import data_home

CERTS_FOLDER = "certs"
ROOT_CERT = "root.pem"
ROOT_KEY = "root.key"
LEAF_CERT = "leaf.pem"
LEAF_KEY = "leaf.key"
ORGANIZATION = "Slatebook"
ROOT_YEARS = 20
LEAF_YEARS = 5
# A leaf this close to its end is replaced before signing, so a long job never
# signs with a certificate that lapses halfway through.
RENEW_BEFORE = dt.timedelta(days=30)
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_LOCK = threading.Lock()


@dataclass(frozen=True)
class SigningIdentity:
    """What a signer needs. `chain_pem` is leaf then root, the order C2PA expects."""

    project_id: str
    chain_pem: bytes
    private_key_pem: bytes
    root_pem: bytes

    def __repr__(self) -> str:  # never print the key into a log or a traceback
        return f"SigningIdentity(project_id={self.project_id!r})"


def certs_home() -> Path:
    return data_home() / CERTS_FOLDER


def project_cert_folder(project_id: str) -> Path:
    if not _SAFE_ID.match(project_id or ""):
        raise SlatebookError(
            f"{project_id!r} is not a project id Slatebook can keep a certificate for.",
            "Sign through the project's repository (repo.get_project().id).",
        )
    return certs_home() / project_id


def signing_identity(project_id: str, project_name: str = "") -> SigningIdentity:
    """The project's certificate chain and key, created on first use and reused after.

    `project_name` only names a new certificate (its common name); an existing
    certificate keeps its name when the project is renamed.
    """
    folder = project_cert_folder(project_id)
    with _LOCK:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            os.chmod(folder, 0o700)
            # The app and the CLI may sign at once; one of them creates the pair.
            with open(folder / ".lock", "a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                root_cert, root_key = _root(folder, project_name or project_id)
                leaf_cert, leaf_key = _leaf(folder, project_name or project_id, root_cert, root_key)
        except OSError as exc:
            raise SlatebookError(
                f"Slatebook cannot keep this project's signing certificate in {folder} ({exc.strerror or exc}).",
                "Check that the data folder is writable (SLATEBOOK_HOME).",
            ) from exc
    root_pem = _pem(root_cert)
    return SigningIdentity(
        project_id=project_id,
        chain_pem=_pem(leaf_cert) + root_pem,
        private_key_pem=_key_pem(leaf_key),
        root_pem=root_pem,
    )


def project_root_pem(project_id: str) -> bytes | None:
    """The project's root certificate on this machine, or None before its first signature."""
    path = project_cert_folder(project_id) / ROOT_CERT
    return path.read_bytes() if path.is_file() else None


def local_roots_pem() -> str:
    """Every project root on this machine: what "signed here" means when verifying."""
    home = certs_home()
    if not home.is_dir():
        return ""
    roots = []
    for path in sorted(home.glob(f"*/{ROOT_CERT}")):
        try:
            roots.append(path.read_text("ascii"))
        except (OSError, UnicodeDecodeError):
            continue  # an unreadable root only means those files verify as "unknown signer"
    return "".join(roots)


# --- the two certificates


def _root(folder: Path, name: str) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    loaded = _load(folder / ROOT_CERT, folder / ROOT_KEY)
    if loaded is not None:
        return loaded
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(f"{name} - Slatebook project root")
    now = _now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365 * ROOT_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    # A new root makes any old leaf an orphan: drop it so a fresh one is issued.
    (folder / LEAF_CERT).unlink(missing_ok=True)
    _save(folder, ROOT_CERT, ROOT_KEY, cert, key)
    return cert, key


def _leaf(
    folder: Path, name: str, root_cert: x509.Certificate, root_key: ec.EllipticCurvePrivateKey
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    loaded = _load(folder / LEAF_CERT, folder / LEAF_KEY)
    if loaded is not None and loaded[0].issuer == root_cert.subject and loaded[0].not_valid_after_utc - RENEW_BEFORE > _now():
        return loaded
    key = ec.generate_private_key(ec.SECP256R1())
    now = _now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(root_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(min(now + dt.timedelta(days=365 * LEAF_YEARS), root_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    _save(folder, LEAF_CERT, LEAF_KEY, cert, key)
    return cert, key


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _name(common_name: str) -> x509.Name:
    # X.509 caps a common name at 64 characters.
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name.strip()[:64] or "Slatebook project"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION),
        ]
    )


# --- files


def _load(cert_path: Path, key_path: Path) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None:
    if not (cert_path.is_file() and key_path.is_file()):
        return None
    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    except ValueError:
        return None  # a damaged pair is replaced; files it signed stay verifiable by their embedded chain
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.public_key() != cert.public_key():
        return None
    return cert, key


def _save(folder: Path, cert_name: str, key_name: str, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> None:
    # The key first: a certificate on disk always has its key beside it.
    write_atomically(folder / key_name, _key_pem(key))
    os.chmod(folder / key_name, 0o600)
    write_atomically(folder / cert_name, _pem(cert))


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
