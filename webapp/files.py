"""Stored files (petition attachments and answers): one small interface, so that the database
behind it can later become an object store without touching the areas that use it.

- ``sniff(data)`` tells a file's type from its content, never from its name: a PDF that pypdf
  can read, or a JPEG / PNG that Pillow can decode; anything else is None.
- ``store(session, name, data)`` adds a StoredFile (the caller commits with its own change).
- ``send(stored)`` answers with the file as an attachment, ``nosniff`` and never cached. The
  caller authorises the request first, on every request: a file has no public address.
"""

import hashlib
import io
import re
import unicodedata
import uuid

from flask import Response
from sqlalchemy.orm import Session

from domain.petitions import ATTACHMENT_TYPES
from webapp.models import StoredFile

_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
_EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9.\- ]+")


def sniff(data: bytes) -> str | None:
    """The content type of a PDF, JPEG or PNG that really is one; None otherwise."""
    kind = next((kind for magic, kind in _SIGNATURES if data.startswith(magic)), None)
    if kind is None:
        return None
    try:
        if kind == "application/pdf":
            from pypdf import PdfReader

            if len(PdfReader(io.BytesIO(data)).pages) < 1:
                return None
        else:
            from PIL import Image

            with Image.open(io.BytesIO(data)) as image:
                image.verify()
    except Exception:  # any parser error: not the file it claims to be
        return None
    return kind


def safe_name(name: str, content_type: str) -> str:
    """A file name fit for a header: ASCII letters (diacritics dropped), digits, dots, dashes,
    spaces; no folders; the extension of its type."""
    base = (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    stem = _UNSAFE_NAME.sub("_", ascii_name).strip("._ ")
    stem = stem.rsplit(".", 1)[0][:80] or "fisier"
    return f"{stem}.{_EXTENSIONS[content_type]}"


def store(session: Session, name: str, data: bytes, content_type: str | None = None) -> StoredFile:
    """Adds the file to the session; ``content_type`` defaults to what ``sniff`` finds.

    Raises ValueError for a type that is not accepted (the form checks first, with a message).
    """
    content_type = content_type or sniff(data)
    if content_type not in ATTACHMENT_TYPES:
        raise ValueError("files.store: not a PDF, JPEG or PNG")
    stored = StoredFile(
        uid=uuid.uuid4().hex,
        name=safe_name(name, content_type),
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )
    session.add(stored)
    return stored


def send(stored: StoredFile) -> Response:
    response = Response(stored.data, mimetype=stored.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{stored.name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
