"""The online-account request as a printout: HTML page, PDF and Word file from one context.

The context holds display-ready strings only, so that the HTML/PDF template and the Word template
show exactly the same values and a test can check each of them in both files.
"""

import datetime as dt
import re

from documents import rendering
from documents.templated import TemplatedPrintout
from documents.text import EMPTY, display_date, display_text, street_address
from domain import ro
from domain.codes import (
    ABROAD,
    ID_TYPE_LABELS,
    LEGAL_BASIS_LABELS,
    LEGAL_ROLE_LABELS,
    PERSON_CATEGORY_PRINTED,
    SEX_LABELS,
)
from domain.identifiers import cnp_birth_date, cnp_sex
from domain.reference.counties import county
from domain.reference.countries import countries_by_code

TEMPLATE = "print/account_request.html"
WORD_TEMPLATE = "account_request.docx"
QR_WIDTH_MM = 25  # as in the PDF (static/css/print.css)

UNLIMITED = "valabilitate nelimitată"

# Copied as typed, after cleaning; the empty ones print as a dash so that no box looks forgotten.
_APPLICANT_TEXT = (
    "last_name",
    "first_name",
    "cnp",
    "id_series",
    "id_number",
    "id_issuer",
    "phone",
    "email",
)


def build_context(data: dict, *, today: dt.date) -> dict:
    """Display-ready values of a stored request. Dates may be date objects or ISO strings."""
    reference = display_text(data["reference"])
    office = county(data["office_code"])
    context = {
        "reference": reference,
        "submitted_at": _datetime(data["submitted_at"]),
        "generated_on": display_date(today),
        "office_name": office.house_name,
        "office_seat": office.house_seat,
        # The qualified e-signature route's page (from the web side): on the instructions page.
        "qes_url": data.get("qes_url") or None,
        **{key: display_text(data.get(key)) for key in _APPLICANT_TEXT},
        # Asked only when the CNP cannot tell them (a foreign resident's CNP); otherwise from it.
        "birth_date": display_date(data.get("birth_date") or cnp_birth_date(data["cnp"])),
        "sex": _label(SEX_LABELS, data.get("sex") or cnp_sex(data["cnp"]), "sex"),
        "undersigned": ro.undersigned(data.get("sex") or cnp_sex(data["cnp"])),
        "id_type": _label(ID_TYPE_LABELS, data["id_type"], "id_type"),
        "id_issued_on": display_date(data["id_issued_on"]),
        "id_expires_on": display_date(data["id_expires_on"])
        if data.get("id_expires_on")
        else UNLIMITED,
        **_home(data),
        "persons": [
            _person(number, person) for number, person in enumerate(data.get("persons") or [], 1)
        ],
    }
    # For the clerk who retypes the name into CNPP's systems, which take no diacritics.
    context["name_ascii"] = ro.without_diacritics(
        f"{context['last_name']} {context['first_name']}"
    ).upper()
    context["qr_svg"], context["qr_png"] = rendering.qr_code(
        reference, title=f"Cod QR cu numărul de referință {reference}"
    )
    return context


def _home(data: dict) -> dict:
    """The home address in four boxes, the same for both kinds: the county or the country, the
    locality, the postal code and the rest of the address on one line. A request stored before
    the address abroad was asked has no `residence`: it is in Romania."""
    if data.get("residence") == ABROAD:
        country = countries_by_code().get(data.get("country_code") or "")
        if country is None:
            raise ValueError(f"Unknown country_code: {data.get('country_code')!r}")
        lines = (
            display_text(data.get(key))
            for key in ("foreign_address_line1", "foreign_address_line2", "foreign_region")
        )
        return {
            "home_area_label": "Țara",
            "home_area": country.name,
            "locality": display_text(data.get("foreign_locality")),
            "postal_code": display_text(data.get("foreign_postal_code")),
            "address": ", ".join(line for line in lines if line != EMPTY) or EMPTY,
        }
    return {
        "home_area_label": "Județul",
        "home_area": county(data["county_code"]).name,
        "locality": display_text(data.get("locality")),
        "postal_code": display_text(data.get("postal_code")),
        "address": street_address(data),
    }


def _person(number: int, person: dict) -> dict:
    kind = person["kind"]
    if kind == "natural":
        name = f"{display_text(person['last_name'])} {display_text(person['first_name'])}"
        identifier_label, identifier = "CNP", display_text(person["cnp"])
        capacity = _label(LEGAL_BASIS_LABELS, person["legal_basis"], "legal_basis")
        # Not known for a request stored before the question was asked: a dash, not a guess.
        category = PERSON_CATEGORY_PRINTED.get(person.get("category") or "", EMPTY)
    elif kind == "legal":
        name = display_text(person["name"])
        identifier_label, identifier = "CUI", display_text(person["cui"])
        capacity = _label(LEGAL_ROLE_LABELS, person["role"], "role")
        category = PERSON_CATEGORY_PRINTED["angajator"]
    else:
        raise ValueError(f"Unknown kind of person: {kind!r}")
    return {
        "number": str(number),
        "name": name,
        "identifier_label": identifier_label,
        "identifier": identifier,
        "category": category,
        "capacity": capacity,
        "document_number": display_text(person["document_number"]),
        "document_date": display_date(person["document_date"]),
    }


def _word_context(context: dict) -> tuple[dict, dict]:
    text = {key: value for key, value in context.items() if key not in ("qr_svg", "qr_png")}
    return text, {"qr_image": (context["qr_png"], QR_WIDTH_MM)}


_OUTPUTS = TemplatedPrintout("account_request", TEMPLATE, WORD_TEMPLATE, _word_context)
render_html = _OUTPUTS.render_html
render_pdf = _OUTPUTS.render_pdf
render_docx = _OUTPUTS.render_docx


def filename(context: dict, extension: str) -> str:
    # The reference is ours, but a Content-Disposition header must never carry anything else.
    reference = re.sub(r"[^A-Za-z0-9-]", "", context["reference"])
    return f"cerere-cont-{reference}.{re.sub(r'[^a-z0-9]', '', extension.lower())}"


def _datetime(value) -> str:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return ro.date_time(value)


def _label(labels: dict[str, str], code: str, field: str) -> str:
    try:
        return labels[code]
    except KeyError:
        raise ValueError(f"Unknown {field}: {code!r}") from None
