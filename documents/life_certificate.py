"""The bilingual life certificate as a printout: HTML page, PDF and Word file from one context.

Laid out after the official model (CNPP Order 874/2024; research: official-forms-and-account.md
§1): the filling instruction, part A filled in by the pensioner in front of a legal authority (the
house it is addressed to with its confirmed postal address, e-mail and fax, then the pensioner's
details), part B left blank for the authority, which certifies that the pensioner signed in front
of it (Law 360/2023 art. 98(7)). The model asks for capitals: part A's values are printed in
capitals, diacritics kept, except e-mail addresses, printed as typed (their part before the @ may
be case-sensitive, and a wrong address loses the answer).
Every label is a pair {"ro": ..., "tr": ...}: Romanian and the chosen language, side by side.
The context holds display-ready strings only (texts with their placeholders filled, dates in each
language), so that both templates print exactly the same values and a test can look for each.

Two caches: finished files in the printouts' cache (documents/cache.py: an in-process LRU, and
Redis shared by the instances when configured), so that downloading the same certificate again
costs a lookup; and, in-process and bounded, the laid-out instructions page, which names nobody
and is shared by everyone with the same language, county house and day (see _render_pdf).
"""

import datetime as dt
import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from babel.dates import format_date
from weasyprint import CSS, HTML

from documents import cache, rendering
from documents.text import EMPTY, display_date, display_text
from domain.certificate_texts import LANGUAGES, ROMANIAN, path_of, texts
from domain.life_certificate import status
from domain.reference.counties import County, county
from domain.reference.countries import countries_by_code

TEMPLATE = "print/life_certificate.html"
LAYOUT = "print/layout.html"
STYLESHEET = "css/print.css"
WORD_TEMPLATE = "life_certificate.docx"
PAGES = 2  # the certificate, then the instructions

# Labels printed as they are, in both languages.
LABELS = (
    "title",
    "legal_basis",
    "fill_rule",
    "addressee",
    "part_a",
    "part_a_note",
    "name_label",
    "cnp",
    "birth_date",
    "pension_file",
    "country",
    "address",
    "phone",
    "email",
    "declaration",
    "pensioner_signature",
    "part_b",
    "part_b_note",
    "authority_name",
    "authority_address",
    "id_document",
    "statement",
    "place",
    "date",
    "signature",
    "stamp",
    "instructions",
    "who_title",
    "who_intro",
    "send_title",
    "when_title",
    "when_text",
    "new_title",
    "new_text",
    "late_title",
    "late_text",
)


@dataclass(frozen=True)
class HouseContact:
    """What the reference data confirms about a house; empty strings where it says nothing."""

    email: str
    street: str
    phone: str
    fax: str = ""


def house_contact(house: County) -> HouseContact:
    """What the reference data confirms about a house (only its `current` rows, M4). An address
    dedicated to life certificates wins over the house's general one."""
    contacts = house.contacts
    return HouseContact(
        email=contacts.life_certificate_email or contacts.email,
        street=contacts.postal_address,
        phone=_international(contacts.phones[0]) if contacts.phones else "",
        fax=_international(contacts.fax) if contacts.fax else "",
    )


def _international(number: str) -> str:
    # Read from abroad: the Romanian trunk 0 becomes the country code.
    return "+40 " + number[1:] if number.startswith("0") else number


def capitals(text: str) -> str:
    """As the model asks part A to be filled in: in capitals, with the diacritics (Ș, Ț, Ä, Ő…)."""
    return text.upper()


def build_context(data: dict, *, today: dt.date) -> dict:
    """Display-ready values of validated answers (forms.life_certificate.LifeCertificateForm),
    with `online_url`, the public address of the page that takes the certificate back online.

    An unknown language, county house or country raises KeyError: the form refuses them first.
    """
    language = data["language"]
    if language not in LANGUAGES:
        raise KeyError(f"No bilingual model in {language!r}")
    ro, tr = texts(ROMANIAN), texts(language)
    house = county(data["house_code"])
    country = countries_by_code()[data["country_code"]]
    contact = house_contact(house)
    first, second = status(today).deadlines

    def pair(key: str, **values: Callable[[dict], str] | str) -> dict[str, str]:
        """Both languages of one text; a value may depend on the language's texts."""

        def filled(lang_texts: dict) -> str:
            args = {k: v(lang_texts) if callable(v) else v for k, v in values.items()}
            return lang_texts[key].format(**args)

        return {"ro": filled(ro), "tr": filled(tr)}

    house_name = house.house_name
    if house.house_seat not in house_name:
        house_name = f"{house_name}, {house.house_seat}"
    if contact.street:
        # The postal address names the town already.
        post = pair(
            "send_post_to",
            address=lambda t: f"{house.house_name}, {contact.street}, {t['romania']}",
        )
    else:
        post = pair("send_post")
    email = pair("send_email_to", email=contact.email) if contact.email else pair("send_email")
    fax = [pair("send_fax_to", fax=contact.fax)] if contact.fax else []
    # Never an invented address: what the data does not confirm, the person looks up.
    missing = [
        kind for kind, known in (("post", contact.street), ("email", contact.email)) if not known
    ]
    lookup = pair(f"send_lookup_{'both' if len(missing) == 2 else missing[0]}") if missing else None
    deadline = {
        lang: lambda t, day=day: format_date(day, format="long", locale=t["locale"])
        for lang, day in (("first", first), ("second", second))
    }
    address_lines = [
        capitals(display_text(data.get(key)))
        for key in ("address_line1", "address_line2", "address_line3")
        if display_text(data.get(key)) != EMPTY
    ]
    labels = {key: pair(key) for key in LABELS}
    # Printed only where they apply: the fax label beside a fax, the note beside what is missing.
    if contact.fax:
        labels["fax"] = pair("fax")
    if missing:
        labels["unconfirmed"] = pair("unconfirmed")
    return {
        "lang": language,
        "lang_tag": tr["language_tag"],
        "t": labels,
        "certifiers": [
            {"ro": ro_item, "tr": tr_item}
            for ro_item, tr_item in zip(ro["certifiers"], tr["certifiers"], strict=True)
        ],
        # Part A, section 1: the house it is addressed to, with what the data confirms about it
        # (None: the page says it is not confirmed here and leaves the line to write on).
        "house": capitals(house_name),
        "house_address": capitals(f"{contact.street}, {ro['romania']}") if contact.street else None,
        "house_email": contact.email or None,
        "house_fax": contact.fax or None,
        "send_intro": pair("send_intro", house=house_name),
        "send_ways": [post, email, *fax, pair("send_person")],
        # Page 1, under the filling rule: it can also be sent back online, scanned or photographed
        # (webapp/life_certificate/upload.py), at the page's public address, from the web side.
        "send_online": pair("send_online") if data.get("online_url") else None,
        "online_url": data.get("online_url") or None,
        "send_lookup": lookup,
        "send_phone": pair("send_phone", phone=contact.phone) if contact.phone else None,
        "next_deadlines": pair("next_deadlines", **deadline),
        "generated": pair(
            "generated",
            date=lambda t: format_date(today, format="long", locale=t["locale"]),
        ),
        "full_name": capitals(
            f"{display_text(data['last_name'])} {display_text(data['first_name'])}"
        ),
        "cnp": display_text(data["cnp"]),
        "birth_date": display_date(data["birth_date"]),
        "pension_file": capitals(display_text(data["pension_file"])),
        "country": {
            "ro": capitals(country.names[ROMANIAN]),
            "tr": capitals(country.names[language]),
        },
        "address_lines": address_lines or [EMPTY],
        "phone": capitals(display_text(data.get("phone"))),
        "email": display_text(data.get("email")),
    }


def render_html(
    context: dict, *, static_url: str = "/static/", links: Sequence[tuple[str, str]] = ()
) -> str:
    """The printout as a web page; `links` are (label, href) pairs shown on screen, never printed."""
    return rendering.render_template(
        TEMPLATE, static_url=static_url, links=links, part=None, **context
    )


def render_pdf(context: dict) -> bytes:
    return cache.rendered(
        "life_certificate", "pdf", context, _render_pdf, sources=_sources(context)
    )


def render_docx(context: dict) -> bytes:
    return cache.rendered(
        "life_certificate", "docx", context, _render_docx, sources=_sources(context)
    )


def _sources(context: dict) -> list:
    """The files that shape either output: an edited template or translation is a new key."""
    return [
        rendering.TEMPLATES / TEMPLATE,
        rendering.TEMPLATES / LAYOUT,
        rendering.STATIC / STYLESHEET,
        rendering.WORD_TEMPLATES / WORD_TEMPLATE,
        path_of(ROMANIAN),
        path_of(context["lang"]),
    ]


def _render_pdf(context: dict) -> bytes:
    """Page 1 and page 2 laid out as two documents and written as one PDF.

    Laying out text is most of WeasyPrint's time, and page 2, the instructions, depends only on
    the language, the county house and the day, never on the person: its layout is kept (per
    thread, as fonts are) and reused, so that most certificates cost the layout of page 1 alone.
    The page numbers each part would count by itself ("1 of 1") are set to the whole's.
    """
    with rendering.collector_paused():
        certificate = _layout(context, "certificate", page=1)
        instructions = _instructions_layout(context)
        if len(certificate.pages) != 1 or len(instructions.pages) != 1:
            # Not the two pages the layout is made for (tests keep it so): lay out the whole.
            html = rendering.render_template(
                TEMPLATE, static_url=None, links=(), part=None, **context
            )
            return rendering.html_to_pdf(html, stylesheet=STYLESHEET)
        whole = certificate.copy([*certificate.pages, *instructions.pages])
        return whole.write_pdf(pdf_variant=rendering.PDF_VARIANT)


_layouts = threading.local()
LAYOUT_CACHE_SIZE = 12  # laid-out instruction pages kept per thread, about 0.6 MB each


def _instructions_layout(context: dict):
    html = _part_html(context, "instructions")
    # The page's own HTML is the key: equal HTML, equal layout, and nobody's answers are in it.
    stylesheet = (rendering.STATIC / STYLESHEET).stat().st_mtime_ns
    key = hashlib.sha256(f"{stylesheet}\n{html}".encode()).hexdigest()
    kept = _layouts.__dict__.setdefault("instructions", OrderedDict())
    document = kept.get(key)
    if document is None:
        document = _layout_html(html, page=PAGES)
        kept[key] = document
        while len(kept) > LAYOUT_CACHE_SIZE:
            kept.popitem(last=False)
    kept.move_to_end(key)
    return document


def layout_cache_clear() -> None:
    """Forgets this thread's laid-out instruction pages (benchmarks measure without them)."""
    _layouts.__dict__.pop("instructions", None)


def _layout(context: dict, part: str, *, page: int):
    return _layout_html(_part_html(context, part), page=page)


def _part_html(context: dict, part: str) -> str:
    return rendering.render_template(TEMPLATE, static_url=None, links=(), part=part, **context)


def _layout_html(html: str, *, page: int):
    document = HTML(
        string=html, base_url=rendering.STATIC_FILE_URL, url_fetcher=rendering.StaticFilesOnly()
    )
    return document.render(
        stylesheets=[rendering._stylesheet(STYLESHEET), _page_number(page)],
        font_config=rendering._font_config(),
        pdf_variant=rendering.PDF_VARIANT,
    )


def _page_number(page: int) -> CSS:
    sheets = _layouts.__dict__.setdefault("page_numbers", {})
    if page not in sheets:
        sheets[page] = CSS(
            string=f'@page {{ @bottom-right {{ content: "Pagina {page} din {PAGES}" }} }}',
            font_config=rendering._font_config(),
        )
    return sheets[page]


def _render_docx(context: dict) -> bytes:
    return rendering.render_docx(WORD_TEMPLATE, context, images={})


def filename(context: dict, extension: str) -> str:
    language = re.sub(r"[^a-z]", "", context["lang"])
    return f"certificat-de-viata-ro-{language}.{re.sub(r'[^a-z0-9]', '', extension.lower())}"
