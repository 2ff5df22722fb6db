"""Throw-away certificate authorities and signers for the e-signature route's tests: a CA made
with `cryptography` in the test, a signer certificate with the applicant's (or someone else's)
name, and the PDF signed with pyHanko as a signing tool would (an incremental update)."""

import datetime as dt
import io
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass
class Authority:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


@dataclass
class Signer:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    authority: Authority


def make_authority(name: str = "Test QES CA") -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(key, cert)


def make_signer(
    authority: Authority,
    common_name: str,
    given_name: str | None = None,
    surname: str | None = None,
) -> Signer:
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if given_name:
        attributes.append(x509.NameAttribute(NameOID.GIVEN_NAME, given_name))
    if surname:
        attributes.append(x509.NameAttribute(NameOID.SURNAME, surname))
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(authority.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.key.public_key()),
            critical=False,
        )
        .sign(authority.key, hashes.SHA256())
    )
    return Signer(key, cert, authority)


def sign(pdf: bytes, signer: Signer) -> bytes:
    """The PDF with a PAdES signature added as an incremental update, as signing tools do."""
    from asn1crypto import keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der = serialization.Encoding.DER
    cert = asn1_x509.Certificate.load(signer.cert.public_bytes(der))
    ca = asn1_x509.Certificate.load(signer.authority.cert.public_bytes(der))
    key = keys.PrivateKeyInfo.load(
        signer.key.private_bytes(
            der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    pdf_signer = signers.SimpleSigner(
        signing_cert=cert, signing_key=key, cert_registry=SimpleCertificateStore.from_certs([ca])
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(field_name="Semnatura", subfilter=None)
    out = signers.sign_pdf(writer, meta, signer=pdf_signer)
    return out.getvalue()


def append_change(signed: bytes) -> bytes:
    """The signed file with a later incremental update that adds text to the page."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 50 50 Td (MODIFICAT) Tj ET")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def trust(app, tmp_path, *authorities) -> None:
    """Configures the authorities' certificates as the trust anchors (QES_TRUST_ANCHORS)."""
    path = tmp_path / "qes-anchors.pem"
    path.write_bytes(b"".join(authority.pem() for authority in authorities))
    app.config["QES_TRUST_ANCHORS"] = (str(path),)


def id_scan_png() -> bytes:
    """A small real PNG, as a phone photo of the ID document would be (read by content)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 25), (200, 210, 230)).save(out, format="PNG")
    return out.getvalue()
