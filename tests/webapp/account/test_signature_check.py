"""The PAdES checks of the e-signature route, on the request PDF the site renders, signed with
pyHanko by a throw-away CA made in the test (tests/qes_signing.py)."""

import datetime as dt
import hashlib

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization

from documents import account_request as printout
from tests.builders import answers_for
from tests.qes_signing import append_change, make_authority, make_signer, sign
from webapp.account.service import _with_dates
from webapp.account.signature_check import check_signed_request, load_trust_anchors

REFERENCE = "CC-2026-000001"


def _pdf(reference=REFERENCE) -> bytes:
    data = _with_dates(answers_for(1))
    data.update(reference=reference, submitted_at=dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC))
    data["persons"] = []
    return printout.render_pdf(printout.build_context(data, today=dt.date(2026, 12, 1)))


def _anchor(authority):
    return asn1_x509.Certificate.load(authority.cert.public_bytes(serialization.Encoding.DER))


@pytest.fixture(scope="module")
def issued_pdf():
    return _pdf()


@pytest.fixture(scope="module")
def authority():
    return make_authority("Autoritate de test QES")


@pytest.fixture(scope="module")
def applicant(authority):
    answers = answers_for(1)
    return make_signer(authority, f"{answers['first_name']} {answers['last_name']}".upper())


def _check(data, issued_pdf, anchors):
    answers = answers_for(1)
    return check_signed_request(
        data,
        issued=[(hashlib.sha256(issued_pdf).hexdigest(), len(issued_pdf))],
        reference=REFERENCE,
        last_name=answers["last_name"],
        first_name=answers["first_name"],
        trust_anchors=anchors,
    )


def test_our_request_signed_by_the_applicant_is_accepted(issued_pdf, authority, applicant):
    result = _check(sign(issued_pdf, applicant), issued_pdf, [_anchor(authority)])
    assert result.accepted, result
    assert result.checks == dict.fromkeys(("ours", "intact", "whole", "trusted", "name"), True)
    assert result.signer_name == applicant.cert.subject.rfc4514_string().removeprefix("CN=")
    assert "Autoritate de test QES" in result.issuer
    assert abs(result.signed_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert result.matched_sha256 == hashlib.sha256(issued_pdf).hexdigest()


def test_a_change_after_signing_is_refused(issued_pdf, authority, applicant):
    result = _check(append_change(sign(issued_pdf, applicant)), issued_pdf, [_anchor(authority)])
    assert result.refusal == "modified"
    assert result.checks["intact"] and not result.checks["whole"]


def test_a_byte_changed_in_the_signed_revision_is_refused(issued_pdf, authority, applicant):
    signed = bytearray(sign(issued_pdf, applicant))
    # A byte of our own PDF (its first revision), inside the range the signature covers.
    position = len(issued_pdf) // 2
    signed[position] = (signed[position] + 1) % 256
    result = _check(bytes(signed), issued_pdf, [_anchor(authority)])
    assert result.refusal == "modified"
    assert not result.checks["intact"]
    assert not result.checks["ours"]


def test_someone_elses_signature_is_refused(issued_pdf, authority):
    stranger = make_signer(authority, "Ion Popescu", given_name="Ion", surname="Popescu")
    result = _check(sign(issued_pdf, stranger), issued_pdf, [_anchor(authority)])
    assert result.refusal == "other_signer"
    assert result.signer_name == "Ion Popescu"
    assert "semnată de Ion Popescu" in result.message(REFERENCE, "Țărănescu Ana")


def test_a_plain_pdf_is_refused_as_unsigned(issued_pdf, authority):
    assert _check(issued_pdf, issued_pdf, [_anchor(authority)]).refusal == "unsigned"


def test_a_certificate_of_an_authority_not_configured_is_refused(issued_pdf, authority, applicant):
    other = make_authority("Alta autoritate")
    result = _check(sign(issued_pdf, applicant), issued_pdf, [_anchor(other)])
    assert result.refusal == "untrusted"
    assert result.checks["ours"] and result.checks["intact"] and not result.checks["trusted"]
    # No anchors at all trusts nobody.
    assert _check(sign(issued_pdf, applicant), issued_pdf, []).refusal == "untrusted"


def test_another_document_signed_is_not_our_request(issued_pdf, authority, applicant):
    other = _pdf("CC-2026-000099")
    assert _check(sign(other, applicant), issued_pdf, [_anchor(authority)]).refusal == "not_ours"


def test_our_request_edited_before_signing_is_modified(issued_pdf, authority, applicant):
    # Re-rendered (another day): same reference, other bytes than the PDF we issued.
    data = _with_dates(answers_for(1)) | {"persons": []}
    data.update(reference=REFERENCE, submitted_at=dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC))
    edited = printout.render_pdf(printout.build_context(data, today=dt.date(2026, 12, 3)))
    assert edited != issued_pdf
    assert _check(sign(edited, applicant), issued_pdf, [_anchor(authority)]).refusal == "modified"


@pytest.mark.parametrize("data", [b"%PDF-1.7 nu este un PDF", b"", b"\x89PNG\r\n\x1a\n"])
def test_a_broken_file_is_refused(issued_pdf, authority, data):
    assert _check(data, issued_pdf, [_anchor(authority)]).refusal == "broken"


def test_trust_anchors_load_from_pem_files(tmp_path, authority):
    path = tmp_path / "ca.pem"
    path.write_bytes(authority.pem() + make_authority("A doua").pem())
    anchors = load_trust_anchors([str(path)])
    assert len(anchors) == 2
    with pytest.raises(FileNotFoundError):
        load_trust_anchors([str(tmp_path / "lipsa.pem")])
