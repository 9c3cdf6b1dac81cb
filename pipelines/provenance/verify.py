"""Read and check the Content Credentials of an image or an export.

Three questions, answered separately because they mean different things to a
producer: are there credentials at all (`present`); is the file exactly what
was signed (`valid`: the signature holds and every hash matches, so a changed
pixel or an edited statement shows as invalid); and was it signed by a
project on this machine (`trusted`: the certificate chains to one of the
project roots in the data folder). A file signed on another machine can be
valid and not trusted.
"""

from __future__ import annotations

import io
import json
from typing import Any

import c2pa
from pydantic import BaseModel, Field

from pipelines.provenance.certs import local_roots_pem
from pipelines.provenance.sign import (
    ALGORITHMIC_MEDIA,
    COMPOSITE_WITH_AI,
    EXPORT_ASSERTION,
    GENERATION_ASSERTION,
    IPTC,
    TRAINED_ALGORITHMIC_MEDIA,
    mime_for,
)
from studio.errors import SlatebookError

AI_SOURCE_TYPES = {TRAINED_ALGORITHMIC_MEDIA, COMPOSITE_WITH_AI}
UNTRUSTED = "signingCredential.untrusted"
# What a validation code means, in words a producer can act on.
_PROBLEMS = {
    "assertion.dataHash.mismatch": "The file was changed after it was signed: its content no longer matches the signed hash.",
    "assertion.boxesHash.mismatch": "The file was changed after it was signed: its content no longer matches the signed hash.",
    "assertion.bmffHash.mismatch": "The file was changed after it was signed: its content no longer matches the signed hash.",
    "assertion.hashedURI.mismatch": "A statement in the credentials was edited after signing.",
    "assertion.missing": "A statement the signature covers is missing from the credentials.",
    "claimSignature.mismatch": "The signature does not match the credentials: they were altered.",
    "claimSignature.outsideValidity": "The file was signed outside the signing certificate's validity period.",
    "signingCredential.invalid": "The signing certificate is not valid for Content Credentials.",
    "signingCredential.revoked": "The signing certificate was revoked.",
    "signingCredential.expired": "The signing certificate had expired when the file was signed.",
    UNTRUSTED: "Signed by a certificate that is not one of this machine's Slatebook projects.",
}


class SignedRecord(BaseModel):
    """The facts of one AI call as the manifest states them (no prompt text, its hash)."""

    record_id: str = ""
    kind: str = ""
    purpose: str = ""
    provider: str = ""
    model: str = ""
    model_version: str = ""
    seed: int | None = None
    prompt_sha256: str = ""
    parameters: dict[str, Any] = Field(default_factory=dict)
    created_at: str = ""


class Credentials(BaseModel):
    present: bool
    valid: bool = False
    trusted: bool = False
    state: str = "Missing"  # c2pa's validation state: Trusted, Valid, Invalid; or Missing
    title: str = ""
    signer: str = ""  # the signing certificate's common name (the project it was made for)
    issuer: str = ""  # its organisation
    generator: str = ""  # the app that wrote the manifest
    ai_generated: bool | None = None  # None: the manifest does not say
    digital_source_type: str = ""  # the IPTC term, e.g. "trainedAlgorithmicMedia"
    actions: list[str] = Field(default_factory=list)
    records: list[SignedRecord] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)

    @property
    def record(self) -> SignedRecord | None:
        """The record of a single image (the first one of an export)."""
        return self.records[0] if self.records else None

    def summary(self) -> str:
        """One line for a caption: what the credentials say and whether they hold."""
        if not self.present:
            return "No Content Credentials"
        if not self.valid:
            return "Content Credentials do not verify: " + (self.problems[0] if self.problems else self.state)
        origin = {True: "AI-generated", False: "not AI-generated", None: "origin not stated"}[self.ai_generated]
        who = f"signed by {self.signer}" if self.signer else "signed"
        trust = "" if self.trusted else " (certificate not from this machine)"
        return f"Content Credentials verified: {origin}, {who}{trust}"


def read_credentials(data: bytes, mime: str, *, trust_pem: str | None = None) -> Credentials:
    """What the file's Content Credentials say, and whether they hold.

    `mime` is a MIME type or a file name ("image/png", "board.pdf").
    `trust_pem` replaces the default trust anchors (every Slatebook project
    root in this data folder). Raises SlatebookError only for a file that is
    not a readable image or PDF at all; missing or broken credentials come
    back as a Credentials with `problems`.
    """
    mime = mime_for(mime)
    anchors = local_roots_pem() if trust_pem is None else trust_pem
    settings: dict[str, Any] = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False}}
    if anchors:
        settings["trust"] = {"user_anchors": anchors}
    try:
        with c2pa.Context.from_dict(settings) as context, c2pa.Reader(mime, io.BytesIO(data), context=context) as reader:
            state = reader.get_validation_state() or "Invalid"
            results = reader.get_validation_results() or {}
            manifest = reader.get_active_manifest() or {}
    except c2pa.C2paError as exc:
        return _unreadable(exc, mime)
    return _credentials(state, results, manifest)


def _credentials(state: str, results: dict[str, Any], manifest: dict[str, Any]) -> Credentials:
    failures = [f.get("code", "") for f in (results.get("activeManifest") or {}).get("failure", [])]
    failures += [f.get("code", "") for f in _ingredient_failures(results)]
    problems = []
    for code in dict.fromkeys(failures):
        problems.append(_PROBLEMS.get(code, f"The credentials failed the check {code!r}."))
    valid = state in ("Valid", "Trusted")
    assertions = {a.get("label", ""): a.get("data") or {} for a in manifest.get("assertions", [])}
    actions = _actions(assertions)
    source = next((a.get("digitalSourceType", "") for a in actions if a.get("action") == "c2pa.created"), "")
    facts = assertions.get(GENERATION_ASSERTION) or assertions.get(EXPORT_ASSERTION) or {}
    records = [facts] if GENERATION_ASSERTION in assertions and facts.get("record_id") else facts.get("records", [])
    signature = manifest.get("signature_info") or {}
    generator = next(iter(manifest.get("claim_generator_info") or []), {})
    return Credentials(
        present=True,
        valid=valid,
        trusted=state == "Trusted",
        state=state,
        title=manifest.get("title", ""),
        signer=signature.get("common_name", ""),
        issuer=signature.get("issuer", ""),
        generator=" ".join(str(generator.get(k, "")) for k in ("name", "version")).strip(),
        ai_generated=_ai_generated(source, facts),
        digital_source_type=source.removeprefix(IPTC),
        actions=[a.get("action", "") for a in actions],
        records=[SignedRecord.model_validate({k: v for k, v in r.items() if k in SignedRecord.model_fields}) for r in records if isinstance(r, dict)],
        problems=problems,
    )


def _actions(assertions: dict[str, Any]) -> list[dict[str, Any]]:
    for label in ("c2pa.actions.v2", "c2pa.actions"):
        if label in assertions:
            return [a for a in assertions[label].get("actions", []) if isinstance(a, dict)]
    return []


def _ai_generated(source: str, facts: dict[str, Any]) -> bool | None:
    stated = facts.get("ai_generated", facts.get("contains_ai"))
    if isinstance(stated, bool):
        return stated
    if source in AI_SOURCE_TYPES:
        return True
    if source == ALGORITHMIC_MEDIA:
        return False
    return None


def _ingredient_failures(results: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for delta in results.get("ingredientDeltas") or []:
        found += (delta.get("validationDeltas") or {}).get("failure", [])
    return found


def _unreadable(exc: c2pa.C2paError, mime: str) -> Credentials:
    text = str(exc)
    kind = type(exc).__name__
    if "ManifestNotFound" in kind or "ManifestNotFound" in text:
        return Credentials(present=False, problems=["This file has no Content Credentials."])
    if "RemoteManifest" in kind:
        return Credentials(
            present=False,
            problems=["This file's credentials are stored online; Slatebook checks credentials offline only."],
        )
    if "could not be parsed" in text or "invalid header" in text or "out of range" in text:
        raise SlatebookError(
            f"This is not a readable {mime} file, so its Content Credentials cannot be checked.",
            "Choose the original file Slatebook wrote.",
        ) from exc
    return Credentials(
        present=True,
        state="Invalid",
        problems=[f"The Content Credentials are damaged and cannot be read ({json.dumps(text.splitlines()[0][:160])})."],
    )
