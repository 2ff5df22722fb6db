"""The declaration for the transfer of the pension into an account abroad as a printout: HTML
page, PDF and Word file from one context (Law 360/2023 art. 98).

What it holds follows the CNPP procedure the research quotes (official-forms-and-account.md §2.1,
"Declarație de transfer în străinătate a drepturilor de pensie", via dcbusiness.ro and
rotalianul.com): the beneficiary's full address, the bank's name and address, the SWIFT/BIC, the
IBAN, the holder's name as the bank holds it; attached, a document confirming the bank details
and a copy of the ID showing the domicile abroad. The county houses' own model was not readable,
so the wording is the project's own, as for the request for an account in Romania.

The context holds display-ready strings only (and the representative, a dict or None), so that
both files show the same values and a test can look for each of them in both.
"""

import datetime as dt
import re

from documents.payment_request import (
    REPRESENTATIVES,
    house_contact,
    sending_ways,
    signature_label,
)
from documents.payment_request import _representative as representative_of
from documents.templated import TemplatedPrintout
from documents.text import EMPTY, display_date, display_text
from domain import ro
from domain.codes import AUTHORISED
from domain.foreign_accounts import format_iban
from domain.identifiers import cnp_sex
from domain.reference.counties import county
from domain.reference.countries import countries_by_code

TEMPLATE = "print/payment_abroad.html"
WORD_TEMPLATE = "payment_abroad.docx"
TITLE = "Declarație de transfer în străinătate a drepturilor de pensie"

_TEXT = (
    "last_name",
    "first_name",
    "cnp",
    "pension_number",
    "street",
    "locality",
    "region",
    "postal_code",
    "phone",
    "email",
    "bic",
    "bank_name",
    "bank_address",
    "holder_name",
)


def build_context(data: dict, *, today: dt.date) -> dict:
    """Display-ready values of the confirmed answers. Dates may be date objects or ISO strings."""
    house = county(data["house_code"])
    who_files = data.get("who_files")
    context = {key: display_text(data.get(key)) for key in _TEXT}
    return {
        "generated_on": display_date(today),
        "house_name": house.house_name,
        "house_seat": house.house_seat,
        **context,
        "country": countries_by_code()[data["country_code"]].name,
        "address": _address_line(context),
        "bank_country": countries_by_code()[data["bank_country"]].name,
        "iban": format_iban(display_text(data["iban"])),
        # The lead names whoever signs: the representative, when there is one.
        "undersigned": None
        if who_files in REPRESENTATIVES
        else ro.undersigned(cnp_sex(data["cnp"])),
        "representative": representative_of(data),
        "signature": signature_label(who_files),
        "attachments": _attachments(who_files),
        "sending": _sending(house),
        "notes": _notes(who_files),
    }


def _address_line(context: dict) -> str:
    """The address abroad as one line, for the lead: street, postal code and locality, region."""
    parts = [context["street"]]
    town = " ".join(
        value for value in (context["postal_code"], context["locality"]) if value != EMPTY
    )
    parts.append(town)
    if context["region"] != EMPTY:
        parts.append(context["region"])
    return ", ".join(parts)


def _sending(house) -> list[str]:
    """As for the request for an account in Romania, and in person too: the research has the
    declaration filed "in person, by post or email", by the holder or a mandatary."""
    ways = sending_ways(house, house_contact(house), "declarația")
    ways.insert(
        2,
        "Sau personal, la registratura casei de pensii: o poate depune și persoana împuternicită "
        "prin procură specială.",
    )
    return ways


def _attachments(who_files: str | None) -> list[str]:
    items = [
        "documentul băncii care confirmă datele contului (IBAN-ul, codul BIC (SWIFT) și numele "
        "titularului), de exemplu un extras de cont;",
        "copia actului de identitate al titularului pensiei, din care reiese domiciliul din "
        "străinătate;",
    ]
    if who_files in REPRESENTATIVES:
        items.append(
            "copia actului de identitate al persoanei care depune declarația și copia "
            f"{REPRESENTATIVES[who_files]['document_short']};"
        )
    items[-1] = items[-1].removesuffix(";") + "."
    return items


def _notes(who_files: str | None) -> list[str]:
    # Only what Law 360/2023 says (../shared/domain/legea-360-2023.md): no day of payment, no
    # bank, no currency the research could not confirm.
    notes = [
        "Pensionarii care nu au domiciliul în România pot cere transferul pensiei în "
        "străinătate (art. 98 alin. (1)). Casa de pensii vă comunică din ce lună se face plata "
        "în contul din străinătate.",
        "Pensia se transferă în moneda țării respective sau în altă monedă convenită, în "
        "condițiile acordurilor internaționale la care România este parte (art. 98 alin. (2)).",
        "Cheltuielile transferului, inclusiv comisioanele de schimb valutar, le suportă "
        "beneficiarul; pentru plățile care intră sub Legea nr. 209/2019 privind serviciile de "
        "plată, comisioanele se împart între beneficiar și casa de pensii (art. 98 alin. (3)).",
        "Pensia și celelalte drepturi plătite de casa de pensii se plătesc în același cont "
        "(art. 96 alin. (3)).",
        "Ca plata să continue, trimiteți de două ori pe an certificatul de viață: până la 31 "
        "martie și până la 30 septembrie (art. 98 alin. (5)).",
    ]
    if who_files == AUTHORISED:
        notes.append(
            "Dacă procura specială își pierde valabilitatea, plata pensiei se suspendă "
            "(art. 101 alin. (1) lit. e))."
        )
    return notes


_OUTPUTS = TemplatedPrintout("payment_abroad", TEMPLATE, WORD_TEMPLATE)
render_html = _OUTPUTS.render_html
render_pdf = _OUTPUTS.render_pdf
render_docx = _OUTPUTS.render_docx


def filename(context: dict, extension: str) -> str:
    """One name for everyone's declaration: the context is not needed, the protocol passes it."""
    return f"declaratie-transfer-pensie-strainatate.{re.sub(r'[^a-z0-9]', '', extension.lower())}"
