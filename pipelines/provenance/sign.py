"""Sign images and exports with the project's certificate (C2PA Content Credentials).

Every manifest says how the asset came to be with an IPTC digital source type
on its `c2pa.created` action:

- an image from a trained model (diffusers): `trainedAlgorithmicMedia`;
- a layout sketch drawn by Slatebook's procedural renderer: `algorithmicMedia`
  ("created purely by an algorithm not based on any sampled training data"),
  with `ai_generated: false` in Slatebook's own assertion, so no reader
  mistakes a sketch for AI output;
- an export that lays out frames (storyboard PDF, moodboard PNG, animatic):
  `compositeWithTrainedAlgorithmicMedia` when any frame is AI, else
  `compositeSynthetic`.

The AIRecord behind an image goes in the `org.slatebook.generation`
assertion: model, version, seed, parameters and the sha256 of the prompt,
never the prompt itself (it is the production's script). Signing needs no
network: no timestamp authority is used, so a signature's time is the
manifest's own claim, not a countersigned one.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import c2pa

from pipelines.provenance.certs import signing_identity
from studio.errors import SlatebookError
from studio.models.provenance import AIRecord

IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"
TRAINED_ALGORITHMIC_MEDIA = IPTC + "trainedAlgorithmicMedia"
ALGORITHMIC_MEDIA = IPTC + "algorithmicMedia"
COMPOSITE_WITH_AI = IPTC + "compositeWithTrainedAlgorithmicMedia"
COMPOSITE_SYNTHETIC = IPTC + "compositeSynthetic"
GENERATION_ASSERTION = "org.slatebook.generation"
EXPORT_ASSERTION = "org.slatebook.export"
SKETCH_RENDERER = "Slatebook layout sketch renderer"

MIME_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "mp4": "video/mp4",
    "pdf": "application/pdf",
}
_SIGNING_SETTINGS = {
    # The asset is its own preview; a second copy as a thumbnail only doubles the file.
    "builder": {"thumbnail": {"enabled": False}},
    "verify": {"remote_manifest_fetch": False, "ocsp_fetch": False},
}


def sign_image(
    png_bytes: bytes,
    *,
    title: str,
    record: AIRecord | None,
    ai_generated: bool,
    project_id: str,
    project_name: str = "",
    mime: str = "image/png",
) -> bytes:
    """The image with a signed C2PA manifest embedded; the pixels are unchanged.

    `ai_generated` picks the digital source type (trainedAlgorithmicMedia, or
    algorithmicMedia for a sketch); `record` is the AIRecord of the call that
    made the image (None for a sketch that has none). `mime` may be
    "image/jpeg" for a JPEG. The project's certificate is created on first use.
    """
    source_type = TRAINED_ALGORITHMIC_MEDIA if ai_generated else ALGORITHMIC_MEDIA
    agent = _agent(record) if record is not None else ("" if ai_generated else SKETCH_RENDERER)
    facts: dict[str, Any] = {"ai_generated": ai_generated}
    if record is not None:
        facts.update(record_facts(record))
    elif not ai_generated:
        facts["generator"] = SKETCH_RENDERER
    manifest = _manifest(title, source_type, agent, GENERATION_ASSERTION, facts)
    return _sign(png_bytes, mime, manifest, project_id, project_name)


def sign_pdf(
    pdf_bytes: bytes,
    *,
    title: str,
    project_id: str,
    contains_ai: bool,
    records: Sequence[AIRecord] = (),
    project_name: str = "",
) -> bytes:
    """A PDF export (storyboard, deck) with a signed manifest listing the AI records of what it shows.

    c2pa-python 0.38 (c2pa-rs 0.91) signs and verifies application/pdf offline.
    """
    return sign_export(
        pdf_bytes, "application/pdf", title=title, project_id=project_id,
        contains_ai=contains_ai, records=records, project_name=project_name,
    )


def sign_export(
    data: bytes,
    mime: str,
    *,
    title: str,
    project_id: str,
    contains_ai: bool,
    records: Sequence[AIRecord] = (),
    project_name: str = "",
) -> bytes:
    """Sign an export built from several frames: a moodboard PNG, an animatic GIF or MP4, a PDF."""
    source_type = COMPOSITE_WITH_AI if contains_ai else COMPOSITE_SYNTHETIC
    facts = {"contains_ai": contains_ai, "records": [record_facts(r) for r in records]}
    manifest = _manifest(title, source_type, "Slatebook", EXPORT_ASSERTION, facts)
    return _sign(data, mime, manifest, project_id, project_name)


def record_facts(record: AIRecord) -> dict[str, Any]:
    """What a manifest may say about an AI call: no prompt text, only its hash."""
    prompt_hash = record.prompt_sha256 or (
        hashlib.sha256(record.prompt.encode("utf-8")).hexdigest() if record.prompt else ""
    )
    return {
        "record_id": record.id,
        "kind": record.kind,
        "purpose": record.purpose,
        "provider": record.provider,
        "model": record.model,
        "model_version": record.model_version,
        "seed": record.seed,
        "prompt_sha256": prompt_hash,
        "parameters": _plain_parameters(record.parameters),
        "created_at": record.created_at.isoformat(),
    }


def mime_for(name_or_mime: str) -> str:
    """"image/png" for "png", ".png", "frame.png" or "image/png"; refuses a kind C2PA cannot carry here."""
    text = name_or_mime.strip().lower()
    if "/" in text:
        if text in MIME_TYPES.values():
            return text
    else:
        found = MIME_TYPES.get(text.rsplit(".", 1)[-1])
        if found:
            return found
    raise SlatebookError(
        f"Slatebook cannot carry Content Credentials in a {name_or_mime!r} file.",
        "Use PNG, JPEG, GIF, MP4 or PDF.",
    )


# --- building and signing the manifest


def _manifest(title: str, source_type: str, agent: str, label: str, facts: dict[str, Any]) -> dict[str, Any]:
    created: dict[str, Any] = {"action": "c2pa.created", "digitalSourceType": source_type}
    if agent:
        created["softwareAgent"] = {"name": agent}
    return {
        "claim_generator_info": [{"name": "Slatebook", "version": _slatebook_version()}],
        "title": title.strip() or "Untitled",
        "assertions": [
            {"label": "c2pa.actions", "data": {"actions": [created]}},
            {"label": label, "data": facts},
        ],
    }


def _sign(data: bytes, mime: str, manifest: dict[str, Any], project_id: str, project_name: str) -> bytes:
    mime = mime_for(mime)
    if not data:
        raise SlatebookError("There is nothing to sign: the file is empty.", "Generate or export it again.")
    identity = signing_identity(project_id, project_name)
    try:
        info = c2pa.C2paSignerInfo(
            alg="es256", sign_cert=identity.chain_pem, private_key=identity.private_key_pem, ta_url=None
        )
        with c2pa.Signer.from_info(info) as signer, c2pa.Context.from_dict(_SIGNING_SETTINGS) as context:
            with c2pa.Builder(manifest, context=context) as builder:
                out = io.BytesIO()
                builder.sign(signer, mime, io.BytesIO(data), out)
    except c2pa.C2paError as exc:
        raise SlatebookError(
            f"Slatebook could not sign {manifest['title']!r} with Content Credentials ({_first_line(exc)}).",
            "Check that the file is a complete, readable image or PDF, then export it again.",
        ) from exc
    return out.getvalue()


def _agent(record: AIRecord) -> str:
    return " ".join(part for part in (record.provider, record.model, record.model_version) if part)


def _plain_parameters(parameters: dict[str, Any]) -> dict[str, Any]:
    # Scalars only (steps, guidance, size, scheduler...); anything holding a prompt stays out.
    return {
        str(key): value
        for key, value in parameters.items()
        if "prompt" not in str(key).lower() and (value is None or isinstance(value, bool | int | float | str))
        and not (isinstance(value, str) and len(value) > 200)
    }


def _slatebook_version() -> str:
    try:
        return version("slatebook")
    except PackageNotFoundError:
        return "dev"


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
