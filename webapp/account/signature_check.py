"""Checks a request PDF the applicant signed with a qualified e-signature (PAdES), with pyHanko.

No Flask here: the caller passes what the request is and what the configuration trusts.

(a) Our request, unchanged. Every PDF of a request the site hands to its applicant is recorded
    (SHA-256 and length, table issued_printouts) when it is served: the PDF shows the day it was
    made, so rendering it again later would not give the same bytes, and a stored digest does not
    depend on WeasyPrint, fonts or templates staying the same. A signing tool adds the signature
    as an incremental update after the original bytes, so the signed file must begin with one of
    those PDFs byte for byte, and the first signature must be the revision right after it.
(b) The signature is intact and valid, and covers the whole file (or the whole of its revision,
    with nothing after it but validation data: pyHanko's difference analysis).
(c) The signer's certificate chains to one of the configured trust anchors (QES_TRUST_ANCHORS).
(d) The name in the certificate is the applicant's (domain.signer_names).

The first check that fails gives the refusal; every check's result is kept for the counter.
"""

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from domain.signer_names import certificate_names, same_person_name

CHECKS = {
    "ours": "Fișierul este cererea emisă de site, neschimbată",
    "intact": "Semnătura este validă criptografic",
    "whole": "Semnătura acoperă tot documentul, fără modificări ulterioare",
    "trusted": "Certificatul provine de la un emitent de încredere",
    "name": "Numele din certificat este al solicitantului",
}

REFUSALS = {
    "broken": (
        "Fișierul nu poate fi citit ca PDF. Descărcați din nou cererea de pe această pagină, "
        "semnați-o și încărcați fișierul semnat."
    ),
    "unsigned": (
        "PDF-ul nu are nicio semnătură electronică. Semnați cererea cu semnătura electronică "
        "calificată (de exemplu în Adobe Acrobat Reader sau în aplicația furnizorului "
        "semnăturii) și încărcați fișierul semnat."
    ),
    "modified": (
        "PDF-ul a fost modificat: conținutul nu mai este cel al cererii descărcate de aici sau "
        "a fost schimbat după semnare. Descărcați din nou cererea, nu o modificați și nu o "
        "salvați din alt program, semnați-o și încărcați fișierul semnat."
    ),
    "not_ours": (
        "Fișierul nu este cererea {reference} descărcată de pe acest site. Descărcați cererea "
        "de pe această pagină, semnați-o și încărcați fișierul semnat."
    ),
    "untrusted": (
        "Certificatul cu care ați semnat nu provine de la un furnizor de semnătură electronică "
        "calificată recunoscut de casa de pensii. Semnați cu o semnătură electronică calificată "
        "sau veniți la ghișeu."
    ),
    "other_signer": (
        "Cererea este semnată de {signer}, nu de {applicant}. Cererea trebuie semnată de "
        "solicitant, cu semnătura electronică calificată pe numele său."
    ),
}
# Modification levels after the signed revision that leave the signed content as it was: none,
# or only validation data (DSS, document timestamps).
_HARMLESS = ("NONE", "LTA_UPDATES")


@dataclass
class SignatureResult:
    refusal: str | None = None
    checks: dict[str, bool] = field(default_factory=dict)
    signer_name: str | None = None
    issuer: str | None = None
    signed_at: dt.datetime | None = None
    matched_sha256: str | None = None

    @property
    def accepted(self) -> bool:
        return self.refusal is None

    def message(self, reference: str, applicant: str) -> str | None:
        if self.refusal is None:
            return None
        return REFUSALS[self.refusal].format(
            reference=reference, applicant=applicant, signer=self.signer_name or "altcineva"
        )


def load_trust_anchors(paths) -> list:
    """The certificates in the PEM (or DER) files named; a missing or unreadable file is an error
    (webapp.account.signed_service then offers no upload rather than trust a guess)."""
    from asn1crypto import pem, x509

    anchors = []
    for path in paths:
        data = Path(path).read_bytes()
        if pem.detect(data):
            for _, _, der in pem.unarmor(data, multiple=True):
                anchors.append(x509.Certificate.load(der))
        else:
            anchors.append(x509.Certificate.load(data))
        if not anchors:
            raise ValueError(f"QES_TRUST_ANCHORS: no certificate in {path}")
    return anchors


def check_signed_request(
    data: bytes,
    *,
    issued: list[tuple[str, int]],
    reference: str,
    last_name: str,
    first_name: str,
    trust_anchors: list,
    check_revocation: bool = False,
) -> SignatureResult:
    """`issued`: (SHA-256, length) of every PDF of this request served to its applicant."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    result = SignatureResult()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = sorted(reader.embedded_signatures, key=lambda sig: sig.signed_revision)
    except Exception:  # any parser error: not a PDF we can read
        result.refusal = "broken"
        return result
    if not signatures:
        result.refusal = "unsigned"
        return result
    signature = signatures[0]
    try:
        context = ValidationContext(
            trust_roots=trust_anchors,
            allow_fetching=check_revocation,
            revocation_mode="hard-fail" if check_revocation else "soft-fail",
        )
        status = validate_pdf_signature(signature, context)
    except Exception:
        # A signature pyHanko cannot even evaluate (damaged CMS, ByteRange outside the file).
        result.refusal = "modified"
        return result
    cert = status.signing_cert
    subject = cert.subject.native
    stated = certificate_names(
        subject.get("common_name"), subject.get("given_name"), subject.get("surname")
    )
    result.signer_name = stated[0] if stated else cert.subject.human_friendly
    result.issuer = cert.issuer.human_friendly
    result.signed_at = _signing_time(status)

    first_revision = _issued_prefix(data, issued)
    result.matched_sha256 = first_revision[0] if first_revision else None
    result.checks["ours"] = first_revision is not None and (
        signature.signed_revision == first_revision[1]
    )
    result.checks["intact"] = bool(status.intact and status.valid)
    level = status.modification_level
    result.checks["whole"] = status.coverage is not None and (
        status.coverage.name == "ENTIRE_FILE"
        or (
            status.coverage.name == "ENTIRE_REVISION"
            and level is not None
            and level.name in _HARMLESS
            and status.docmdp_ok is not False
        )
    )
    result.checks["trusted"] = bool(trust_anchors) and bool(status.trusted)
    result.checks["name"] = same_person_name(stated, last_name, first_name)

    if not result.checks["intact"] or not result.checks["whole"]:
        result.refusal = "modified"
    elif not result.checks["ours"]:
        result.refusal = (
            "modified" if first_revision is not None or _mentions(data, reference) else "not_ours"
        )
    elif not result.checks["trusted"]:
        result.refusal = "untrusted"
    elif not result.checks["name"]:
        result.refusal = "other_signer"
    return result


def _issued_prefix(data: bytes, issued: list[tuple[str, int]]) -> tuple[str, int] | None:
    """(digest, number of revisions) of the PDF we issued that the file begins with, if any."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    for sha256, size in issued:
        if 0 < size < len(data) and hashlib.sha256(data[:size]).hexdigest() == sha256:
            original = PdfFileReader(io.BytesIO(data[:size]), strict=False)
            return sha256, original.xrefs.total_revisions
    return None


def _mentions(data: bytes, reference: str) -> bool:
    """Whether the PDF's text has the request's reference: an edited copy of our request rather
    than some other document."""
    try:
        from pypdf import PdfReader

        text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    except Exception:
        return False
    return reference in text


def _signing_time(status) -> dt.datetime | None:
    timestamp = getattr(status, "timestamp_validity", None)
    if timestamp is not None and timestamp.timestamp:
        return timestamp.timestamp
    return status.signer_reported_dt
