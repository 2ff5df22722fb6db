"""The life certificate for pensioners living abroad (/certificat-de-viata): start page with the
windows computed from today, one question page, check your answers, the bilingual printout, and a
calendar file that reminds of each window every year.

Public, no account. Nothing is submitted: the person prints the certificate, signs it in front of
an authority and sends it to the county house. What is typed lives in a draft tied to this
browser's session (webapp/drafts.py), and so do the answers confirmed on the check page, which are
all the printout is made from: another browser has neither, so it gets no printout.
"""

import datetime as dt

from flask import Blueprint, Response, abort, redirect, url_for

from documents import life_certificate as printout
from domain import life_certificate as windows
from domain import ro
from domain.reference.counties import all_counties, county
from forms.life_certificate import ANSWERS, CHECK_ANSWERS, LifeCertificateForm
from webapp import drafts, i18n, rate_limits
from webapp.downloads import journey_links, print_page, send_printout
from webapp.htmx import render_page, see_other
from webapp.life_certificate import texts
from webapp.links import public_host, public_url
from webapp.questions import CONFIRMED, Journey, Step

bp = Blueprint("life_certificate", __name__, url_prefix="/certificat-de-viata")
DETAILS = Step(ANSWERS, LifeCertificateForm, "pages/life_certificate/details.html", ".details")
JOURNEY = Journey(
    "life_certificate",
    (DETAILS,),
    check_endpoint=".check",
    check_template="pages/life_certificate/check.html",
    check_answers=CHECK_ANSWERS,
    confirmed_endpoint=".ready",
    # Nothing in this browser: the question page, to start.
    nothing_here=lambda: redirect(url_for(".details")),
)


@bp.get("/")
def start():
    state = windows.status(ro.today())
    known = [
        (house, contact)
        for house in all_counties()
        if (contact := printout.house_contact(house)).email or contact.street
    ]
    return render_page(
        "pages/life_certificate/start.html",
        state=state,
        headline=texts.headline(state),
        late=texts.late_sentence(state.next_to_close),
        deadlines=[i18n.long_date(day) for day in state.deadlines],
        accepted=texts.accepted_sentences(),
        calendar_contents=texts.calendar_contents(),
        known_contacts=known,
    )


@bp.route("/date", methods=["GET", "POST"])
def details():
    return JOURNEY.question(DETAILS)


@bp.route("/verificare", methods=["GET", "POST"])
@rate_limits.limit("life-certificate", methods=["POST"])
def check():
    return JOURNEY.check()


@bp.get("/gata")
def ready():
    context = _printout_context()
    state = windows.status(ro.today())
    language = i18n.page_language()
    return render_page(
        "pages/life_certificate/ready.html",
        printed=context,
        # What the page says of sending it, in the page's language: the printout's own
        # translations of those sentences (domain/certificate_texts), Romanian on its first side.
        page_texts=_page_texts(context, language),
        house=county(JOURNEY.confirmed()["house_code"]),
        deadline=i18n.long_date(state.next_to_close.closes),
        window_open=state.current is not None,
        opens=i18n.long_date(state.upcoming.opens),
        accepted=texts.accepted_sentence(state.next_to_close, every_year=False),
        calendar_contents=texts.calendar_contents(),
    )


def _page_texts(context: dict, language: str) -> dict:
    """The printout's sentences about sending it, each the one of the page's language."""
    if language == context["lang"]:
        side = "tr"
    elif language == i18n.ROMANIAN:
        side = "ro"
    else:
        context = printout.build_context(
            {**_printout_data(), "language": language}, today=ro.today()
        )
        side = "tr"
    return {
        key: [way[side] for way in value] if isinstance(value, list) else value and value[side]
        for key, value in context.items()
        if key in ("send_ways", "send_lookup", "send_phone", "next_deadlines")
    }


@bp.get("/certificat-de-viata.<any(pdf, docx):extension>")
@rate_limits.limit("download")
def download(extension: str):
    return send_printout(printout, _printout_context(), extension)


@bp.get("/tiparire")
def print_view():
    context = _printout_context()
    return print_page(printout, context, journey_links(".ready"))


@bp.post("/stergere")
def forget():
    """Removes this browser's answers: a shared computer at a consulate or in a family."""
    drafts.discard(JOURNEY.name)
    return see_other(url_for(".start", sters=1))


@bp.get("/termene.ics")
def calendar():
    body = windows.calendar_file(
        ro.today(),
        stamp=dt.datetime.now(dt.UTC),
        host=public_host(),
        page_url=public_url("life_certificate.start"),
    )
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'attachment; filename="certificat-de-viata.ics"'
    # The same for everyone, and right for the day: a shared cache may keep it an hour.
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


def _printout_data() -> dict:
    """The confirmed answers, with the public address where the certificate is sent back online."""
    return {**JOURNEY.confirmed(), "online_url": public_url("life_certificate.upload_start")}


def _printout_context() -> dict:
    try:
        return printout.build_context(_printout_data(), today=ro.today())
    except KeyError:
        # Confirmed against a list (house, country) that has changed since: check again.
        drafts.save_section(JOURNEY.name, CONFIRMED, {})
        abort(redirect(url_for(".check")))
