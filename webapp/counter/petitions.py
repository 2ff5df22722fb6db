"""The counter's petitions (/ghiseu/petitii): the queue of the clerk's county house (filtered by
status and by deadline; the overdue and those due within 5 days first, and marked in words),
one petition (its text, attachments and history), and the actions on it: take it, answer it
(text and an optional PDF), extend its term once, forward it to another county house within 5
days of registration, close it. Supervisors also see any county's queue and the overdue
petitions of every county.

A petition, its files and its actions are reachable only by staff of the county house that has
it now (any other gets a 404, supervisors included: they see other counties' queues, not the
petitions' text). Views only validate and call webapp.counter.petitions_service, which checks
the status and the county in its UPDATE and audits; looking is audited too.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, request, url_for
from flask_login import current_user

from domain import ro
from domain.petition_terms import forward_deadline
from domain.petitions import CATEGORIES, MAX_ATTACHMENT_BYTES, OPEN_STATUSES, STATUSES, TRANSITIONS
from domain.reference.counties import all_counties, county
from domain.references import normalise_reference
from forms.counter import ActionForm
from forms.counter_petitions import (
    STATUS_FILTERS,
    AnswerForm,
    CloseForm,
    ExtendForm,
    ForwardForm,
    PetitionQueueForm,
)
from webapp import files
from webapp.auth.users import staff_required
from webapp.counter import petitions_queries as queries
from webapp.counter import petitions_service as service
from webapp.counter.service import ActionRefused
from webapp.db import db
from webapp.htmx import render_page, see_other
from webapp.models import Petition, StaffMember
from webapp.pagination import paginate

bp = Blueprint("counter_petitions", __name__, url_prefix="/ghiseu/petitii")
PAGE_SIZE = 25
TEMPLATE = "pages/counter/petition.html"
# The answer's PDF (5 MB) and its text: the only request here bigger than the site's 64 KiB.
ANSWER_BODY_LIMIT = MAX_ATTACHMENT_BYTES + 128 * 1024
OUTCOMES = {
    "preluata": "Petiția este acum în lucru la dumneavoastră.",
    "raspuns": "Răspunsul a fost trimis. Petentul îl găsește în contul său online.",
    "prelungita": "Termenul a fost prelungit. Petentul a fost anunțat în contul său online.",
    "redirectionata": "Petiția a fost redirecționată. Nu mai este în lista casei dumneavoastră.",
    "inchisa": "Petiția a fost închisă. Petentul vede motivul în contul său online.",
}
EVENT_LABELS = {
    "registered": "Înregistrată",
    "assigned": "Preluată",
    "extended": "Termen prelungit",
    "forwarded": "Redirecționată",
    "answered": "Răspuns trimis",
    "closed": "Închisă",
}


@bp.url_value_preprocessor
def _upload_limit(endpoint, values):
    # Runs before the app's before_request functions (the CSRF check reads the body): the answer
    # may carry a PDF, every other request keeps the site's limit.
    if endpoint == "counter_petitions.answer":
        request.max_content_length = ANSWER_BODY_LIMIT


@bp.get("/")
@staff_required
def queue():
    member = _member()
    form = PetitionQueueForm(formdata=request.args)
    valid = form.validate()
    chosen = (form.stare.data if valid else None) or "deschise"
    due = (form.termen.data if valid else None) or None
    county_code = member.county_code
    if member.is_supervisor and valid and form.judet.data:
        county_code = form.judet.data
    form.judet.data = county_code
    if chosen == "deschise":
        statuses = OPEN_STATUSES
    elif chosen == "toate":
        statuses = tuple(STATUSES)
    else:
        statuses = (chosen,)
    today = ro.today()
    query, order = queries.queue(county_code, statuses, due, today)
    args = {"stare": chosen, "termen": due or ""}
    if county_code != member.county_code:
        args["judet"] = county_code
    page = paginate(
        db(),
        query,
        order,
        PAGE_SIZE,
        request.args.get("pagina", "1"),
        lambda n: url_for(".queue", **args, pagina=n),
    )
    service.trace(
        db(),
        member,
        "petition_queue",
        request.remote_addr,
        county=county_code,
        filter=chosen,
        due=due or "",
        page=page["number"],
    )
    counts = queries.counts_by_county(db(), today) if member.is_supervisor else None
    return render_page(
        "pages/counter/petitions.html",
        "content",
        form=form,
        outcome=OUTCOMES.get(request.args.get("rezultat", "")),
        page=page,
        rows=[{"petition": p, "due": due_state(p, today)} for p in page["rows"]],
        filter_label=dict(STATUS_FILTERS)[chosen],
        county_code=county_code,
        own_county=county_code == member.county_code,
        member=member,
        status_labels=STATUSES,
        categories=CATEGORIES,
        counties=[
            {
                "county": c,
                "open": counts.get(c.code, (0, 0))[0],
                "overdue": counts.get(c.code, (0, 0))[1],
            }
            for c in all_counties()
        ]
        if counts is not None
        else None,
    )


@bp.get("/<reference>")
@staff_required
def petition_page(reference: str):
    found = _petition_or_404(reference)
    service.trace(db(), _member(), "petition_view", request.remote_addr, petition=found.reference)
    return _petition_view(found, outcome=OUTCOMES.get(request.args.get("rezultat", "")))


@bp.get("/<reference>/fisiere/<uid>")
@staff_required
def download(reference: str, uid: str):
    found = _petition_or_404(reference)
    stored = queries.file_of(db(), found, uid)
    if stored is None:
        abort(404)
    response = files.send(stored)
    service.trace(
        db(),
        _member(),
        "petition_file",
        request.remote_addr,
        petition=found.reference,
        file=stored.name,
    )
    return response


@bp.post("/<reference>/preluare")
@staff_required
def assign(reference: str):
    return _act(reference, ActionForm, service.assign, "preluata")


@bp.post("/<reference>/raspuns")
@staff_required
def answer(reference: str):
    def details(form):
        if (
            form.document_bytes is not None
            and files.sniff(form.document_bytes) != "application/pdf"
        ):
            form.document.errors.append(
                "Fișierul ales nu este un PDF. Alegeți răspunsul salvat ca PDF."
            )
            return None
        document = (form.document_name, form.document_bytes) if form.document_bytes else None
        return {"text": form.text.data, "document": document}

    return _act(reference, AnswerForm, service.answer, "raspuns", details, slot="answer_form")


@bp.post("/<reference>/prelungire")
@staff_required
def extend(reference: str):
    return _act(
        reference,
        ExtendForm,
        service.extend,
        "prelungita",
        lambda form: {"days": int(form.days.data), "reason": form.extension_reason.data},
        slot="extend_form",
    )


@bp.post("/<reference>/redirectionare")
@staff_required
def forward(reference: str):
    return _act(
        reference,
        ForwardForm,
        service.forward,
        "redirectionata",
        lambda form: {"to_county": form.county.data, "reason": form.forward_reason.data},
        slot="forward_form",
        # Forwarded, it is no longer this house's: back to the queue.
        done=lambda found: url_for(".queue", rezultat="redirectionata"),
    )


@bp.post("/<reference>/inchidere")
@staff_required
def close(reference: str):
    return _act(
        reference,
        CloseForm,
        service.close,
        "inchisa",
        lambda form: {"reason": form.close_reason.data},
        slot="close_form",
    )


def due_state(petition: Petition, today: dt.date) -> dict | None:
    """How the deadline of an open petition stands, in words: passed, or within 5 days; None
    when it is further off or the petition is settled."""
    if petition.status not in OPEN_STATUSES:
        return None
    days = (petition.due_on - today).days
    if days < 0:
        late = ro.count(-days, "zi", "zile")
        return {"kind": "overdue", "label": "Termen depășit", "text": f"depășit de {late}"}
    if days <= queries.NEAR_DAYS:
        text = "azi" if days == 0 else ("mâine" if days == 1 else f"în {days} zile")
        return {"kind": "near", "label": "Termen apropiat", "text": text}
    return None


def _member() -> StaffMember:
    return current_user.member


def _petition_or_404(reference: str) -> Petition:
    """Only for staff of the county house that has the petition now: for anyone else it does
    not exist, so no URL tells them whether it does."""
    normalised = normalise_reference(reference)
    found = (
        queries.by_reference(db(), normalised)
        if normalised and normalised.startswith("PT-")
        else None
    )
    if found is None or found.county_code != _member().county_code:
        abort(404)
    return found


def _act(
    reference: str,
    make_form: Callable[[], Any],
    action: Callable[..., None],
    outcome: str,
    details: Callable[[Any], dict | None] = lambda form: {},
    *,
    slot: str | None = None,
    done: Callable[[Petition], str] | None = None,
) -> Response:
    """One action: find the petition (404 if not this county's), validate the form, let the
    service act, or show the page again with the form's errors or the reason it was refused."""
    found = _petition_or_404(reference)
    form = make_form()
    valid = form.validate()
    values = details(form) if valid else None
    if values is None:
        if slot is None:
            abort(400)
        return _petition_view(found, form=form, status=422, **{slot: form})
    try:
        action(db(), found, _member(), remote_addr=request.remote_addr, now=_now(), **values)
    except ActionRefused as refused:
        db().refresh(found)
        form.list_errors = [str(refused)]
        if found.county_code != _member().county_code:
            abort(404)
        return _petition_view(found, form=form, status=409, **({slot: form} if slot else {}))
    if done is not None:
        return see_other(done(found))
    return see_other(url_for(".petition_page", reference=found.reference, rezultat=outcome))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _petition_view(
    found: Petition,
    *,
    form=None,
    outcome=None,
    status=200,
    answer_form=None,
    extend_form=None,
    forward_form=None,
    close_form=None,
):
    today = ro.today()
    is_open = found.status in OPEN_STATUSES
    registered_on = ro.local(found.registered_at).date()
    forward_until = forward_deadline(registered_on)
    can_extend = (
        found.status in TRANSITIONS["extend"][0]
        and found.extended_at is None
        and found.due_on >= today
    )
    can_forward = found.status in TRANSITIONS["forward"][0] and today <= forward_until
    all_files = queries.files(db(), found)
    return render_page(
        TEMPLATE,
        "content",
        status=status,
        form=form,
        found=found,
        outcome=outcome,
        status_label=STATUSES[found.status],
        category=CATEGORIES.get(found.category, found.category),
        due=due_state(found, today),
        registered_on=registered_on,
        attachments=[f for f in all_files if f.role == "attachment"],
        answer_files=[f for f in all_files if f.role == "answer"],
        events=queries.events(db(), found),
        event_labels=EVENT_LABELS,
        county_name=lambda code: county(code).house_name,
        iso_date=lambda text: ro.short_date(dt.date.fromisoformat(text)),
        can_assign=found.status in TRANSITIONS["assign"][0],
        answer_form=answer_form or (AnswerForm(formdata=None) if is_open else None),
        extend_form=extend_form or (ExtendForm(formdata=None) if can_extend else None),
        forward_form=forward_form or (ForwardForm(formdata=None) if can_forward else None),
        forward_until=forward_until,
        close_form=close_form or (CloseForm(formdata=None) if is_open else None),
        extension_refusal=None
        if can_extend or not is_open
        else (
            "Termenul a fost deja prelungit o dată."
            if found.extended_at
            else "Termenul a trecut: nu se mai poate prelungi."
            if found.due_on < today
            else None
        ),
    )
