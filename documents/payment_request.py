"""The request to be paid into a current or card account as a printout: HTML page, PDF and Word
file from one context (Law 360/2023 art. 95-97).

The context holds display-ready strings only (and the representative, a dict or None), so that
both files show the same values and a test can look for each of them in both. The sentences that
depend on the answers (what to attach, how to send, when the pension is paid) are built here
once, for both templates.

A repeated download with the same answers is served from the printouts' cache (documents/cache.py).
"""

import datetime as dt
import re

from documents.templated import TemplatedPrintout
from documents.text import display_date, display_text, street_address
from domain import ro
from domain.codes import AUTHORISED, LEGAL_REPRESENTATIVE
from domain.identifiers import bank_code_of, cnp_sex, format_iban
from domain.reference.banks import by_iban_code
from domain.reference.counties import County, county

TEMPLATE = "print/payment_request.html"
WORD_TEMPLATE = "payment_request.docx"

REPRESENTATIVES = {
    LEGAL_REPRESENTATIVE: {
        "capacity": "reprezentant legal",
        "role": "reprezentant legal al titularului pensiei",
        "signature": "Semnătura reprezentantului legal",
        "document": "Hotărârea judecătorească sau actul de numire",
        "document_short": "hotărârii judecătorești sau a actului de numire",
    },
    AUTHORISED: {
        "capacity": "persoană împuternicită",
        "role": "persoană împuternicită a titularului pensiei",
        "signature": "Semnătura persoanei împuternicite",
        "document": "Procura specială",
        "document_short": "procurii speciale",
    },
}
_PENSIONER_TEXT = (
    "last_name",
    "first_name",
    "cnp",
    "pension_number",
    "locality",
    "postal_code",
    "phone",
    "email",
)


def build_context(data: dict, *, today: dt.date) -> dict:
    """Display-ready values of the confirmed answers. Dates may be date objects or ISO strings."""
    house = county(data["house_code"])
    # The IBAN says the bank; answers kept before it stopped being asked still name it.
    bank = by_iban_code()[data.get("bank_code") or bank_code_of(data["iban"])]
    who_files = data.get("who_files")
    return {
        "generated_on": display_date(today),
        "house_name": house.house_name,
        "house_seat": house.house_seat,
        **{key: display_text(data.get(key)) for key in _PENSIONER_TEXT},
        "county": county(data["county_code"]).name,
        "address": street_address(data),
        # The lead names whoever signs: the representative, when there is one.
        "undersigned": None
        if who_files in REPRESENTATIVES
        else ro.undersigned(cnp_sex(data["cnp"])),
        "bank": bank.name,
        "iban": format_iban(display_text(data["iban"])),
        "representative": _representative(data),
        # Whose signature the line under the declaration is: whoever files.
        "signature": signature_label(who_files),
        "attachments": _attachments(who_files),
        "sending": sending_ways(house, house_contact(house)),
        "payment_notes": _payment_notes(who_files),
    }


def _representative(data: dict) -> dict | None:
    kind = data.get("who_files")
    if kind not in REPRESENTATIVES:
        if kind != "titular":
            raise ValueError(f"Unknown who_files: {kind!r}")
        return None
    wording = REPRESENTATIVES[kind]
    return {
        "undersigned": ro.undersigned(cnp_sex(data["rep_cnp"])),
        "capacity": wording["capacity"],
        "role": wording["role"],
        "last_name": display_text(data["rep_last_name"]),
        "first_name": display_text(data["rep_first_name"]),
        "cnp": display_text(data["rep_cnp"]),
        "document": wording["document"],
        "document_number": display_text(data["rep_document_number"]),
        "document_date": display_date(data["rep_document_date"]),
    }


def signature_label(who_files: str | None) -> str:
    if who_files in REPRESENTATIVES:
        return REPRESENTATIVES[who_files]["signature"]
    return "Semnătura titularului pensiei"


def house_contact(house: County) -> dict[str, str]:
    """What the reference data confirms about the house, for this request (M4).

    The life-certificate address is for that service only, so it is not offered here. Nothing
    is guessed: a house without confirmed contacts has none here.
    """
    contacts = house.contacts
    found = {}
    if contacts.postal_address:
        found["address"] = contacts.postal_address
    if contacts.email:
        found["email"] = contacts.email
    if contacts.phones:
        found["phone"] = ", ".join(contacts.phones)
    if contacts.hours:
        found["hours"] = contacts.hours
    if contacts.website:
        found["website"] = contacts.website
    return found


def _attachments(who_files: str | None) -> list[str]:
    items = [
        "copia extrasului de cont sau confirmarea băncii (cu IBAN-ul și numele titularului);",
        "copia actului de identitate al titularului pensiei;",
    ]
    if who_files in REPRESENTATIVES:
        items.append(
            "copia actului de identitate al persoanei care depune cererea și copia "
            f"{REPRESENTATIVES[who_files]['document_short']};"
        )
    # Not required by any rule seen (research §2.2), but asked for by the bank and some houses.
    items.append(COUPON)
    return items


COUPON = "copia ultimului cupon de pensie, dacă îl aveți (opțional)."
# What CJP Bacău accepts by e-mail (research §2.1), and what it and Brașov ask to find in it.
EMAIL_FILES = (
    " Trimiteți fișiere PDF, JPG, JPEG, PNG, XML sau CMS și scrieți în același e-mail "
    "numărul dumneavoastră de telefon."
)


def sending_ways(house: County, contact: dict[str, str], document: str = "cererea") -> list[str]:
    """Post and e-mail to the house, with only the contacts the reference data confirms; the
    declaration for an account abroad (documents/payment_abroad.py) is sent the same ways."""
    where = (
        f"pe {contact['website']} sau pe www.cnpp.ro"
        if "website" in contact
        else ("pe www.cnpp.ro")
    )
    post = f"Prin poștă, ca scrisoare recomandată cu confirmare de primire, la {house.house_name}"
    if "address" in contact:
        post += f", {contact['address']}."
    else:
        post += f". Adresa poștală a casei de pensii o găsiți {where}."
    if "email" in contact:
        email = (
            f"Sau pe e-mail, la adresa oficială a casei de pensii, {contact['email']}: "
            f"{document} semnată și copiile, scanate sau fotografiate clar."
        )
    else:
        email = (
            f"Sau pe e-mail, la adresa oficială a casei de pensii, pe care o găsiți {where}: "
            f"{document} semnată și copiile, scanate sau fotografiate clar."
        )
    ways = [post, email + EMAIL_FILES]
    if "phone" in contact or "hours" in contact:
        asks = []
        if "phone" in contact:
            asks.append(f"telefon {contact['phone']}")
        if "hours" in contact:
            asks.append(f"program cu publicul: {contact['hours']}")
        ways.append("Pentru întrebări, la casa de pensii: " + "; ".join(asks) + ".")
    return ways


def _payment_notes(who_files: str | None) -> list[str]:
    notes = [
        "Pensia se plătește lunar (art. 95). Casa de pensii vă comunică din ce lună se face "
        "plata în cont și în ce zi a lunii este virată pensia.",
        "Pensia și celelalte drepturi plătite de casa de pensii se virează în același cont "
        "(art. 96 alin. (3)).",
        "Lunar primiți acasă documentul de informare cu sumele plătite; la cerere, îl puteți "
        "primi în contul online de pe portalul CNPP (art. 96 alin. (6) și (7)).",
        "Comisionul băncii pentru plata pensiei se suportă din bugetul asigurărilor sociale, nu "
        "din pensie, și nu poate depăși 0,15% din sumele plătite (art. 97 alin. (1) lit. c) și "
        "alin. (4)).",
    ]
    if who_files == AUTHORISED:
        notes.append(
            "Dacă procura specială își pierde valabilitatea, plata pensiei se suspendă "
            "(art. 101 alin. (1) lit. e))."
        )
    return notes


_OUTPUTS = TemplatedPrintout("payment_request", TEMPLATE, WORD_TEMPLATE)
render_html = _OUTPUTS.render_html
render_pdf = _OUTPUTS.render_pdf
render_docx = _OUTPUTS.render_docx


def filename(context: dict, extension: str) -> str:
    """One name for everyone's request: the context is not needed, the protocol passes it."""
    return f"cerere-plata-pensie-in-cont.{re.sub(r'[^a-z0-9]', '', extension.lower())}"
