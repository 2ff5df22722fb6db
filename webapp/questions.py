"""One multi-page question flow, declared as data: a journey's pages (Step), the check-your-answers
table and the page that follows it. Also what every question page shares: the honeypot check and
the one-field fragment for htmx.

Each page's answers live in the journey's draft (webapp/drafts.py), one section per page, as
typed. A page opens only when every page before it is complete, so a person who skips ahead by
URL is sent back to the first page that needs an answer. The answers confirmed on the check page
are kept apart, under CONFIRMED: they are all a printout is made from, and a changed answer
clears them until the person checks again.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Response, abort, current_app, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from forms.answers import CHANGE, HONEYPOT, answers_from, raw_values, sections
from forms.base import find_field, value_maxima
from webapp import drafts, i18n
from webapp.htmx import render_page, see_other

CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Step:
    """One question page: its draft section, form, template and endpoint. `form_kwargs` makes
    the form's extra arguments from the validated forms of the pages before it."""

    section: str
    form_class: type
    template: str
    endpoint: str
    form_kwargs: Callable[[dict], dict] | None = None
    # A page asked only when it applies, judged from the validated forms of the pages before it
    # (the representative's page only when someone else files).
    applies: Callable[[dict], bool] | None = None

    def asked(self, earlier: dict) -> bool:
        return self.applies is None or self.applies(earlier)


@dataclass(frozen=True)
class Journey:
    """The pages of one journey, in order, then its check page and what follows it.

    `answers` turns the validated forms (keyed by section) into what is confirmed; `nothing_here`
    is the response for a printout asked for in a browser that filled in nothing.
    """

    name: str
    steps: tuple[Step, ...]
    check_endpoint: str
    # Only for check(): a journey whose check page does something else (the account request
    # submits) has its own view and declares none of them.
    check_template: str = ""
    check_answers: tuple = ()
    confirmed_endpoint: str = ""
    answers: Callable[[dict], dict] = field(default=lambda forms: answers_from(*forms.values()))
    nothing_here: Callable[[], Response | int] = field(default=lambda: 403)

    def next_endpoint(self, step: Step, forms: dict | None = None) -> str:
        """Where the page's "Continuați" leads: the next page that applies, given the validated
        `forms` up to and including this one, else the check page."""
        forms = forms or {}
        for later in self.steps[self.steps.index(step) + 1 :]:
            if later.asked(forms):
                return later.endpoint
        return self.check_endpoint

    def form(self, step: Step, earlier: dict, formdata=None, **kwargs):
        """The page's form over `formdata`, or over the posted form when there is none."""
        if formdata is not None:
            kwargs["formdata"] = formdata
        if step.form_kwargs:
            kwargs.update(step.form_kwargs(earlier))
        return step.form_class(**kwargs)

    def validated(self, draft: dict, steps=None) -> tuple[dict, Step | None]:
        """The saved answers of `steps` (all by default) as validated forms, and the first step
        that is not complete."""
        forms = {}
        for step in self.steps if steps is None else steps:
            if not step.asked(forms):
                continue
            form = self.form(
                step, forms, MultiDict(draft.get(step.section, {})), meta={"csrf": False}
            )
            forms[step.section] = form
            if not form.validate():
                return forms, step
        return forms, None

    def question(self, step: Step, template_context: dict | None = None):
        """GET shows the page from the draft (validated when sent back with ?verificare=1); POST
        saves what was typed, valid or not, then answers htmx with the one field that was left,
        or goes on to the next page. Opened from a change link of the check page
        (?schimbare=<field>), the answer takes focus and "Continuați" returns to the check page."""
        draft = drafts.load(self.name)
        forms, stopped_at = self.validated(draft, self.steps[: self.steps.index(step)])
        if stopped_at is not None:
            return redirect(url_for(stopped_at.endpoint, verificare=1))
        if not step.asked(forms):
            return redirect(url_for(self.next_endpoint(step, forms)))
        if request.method == "POST":
            form = self.form(step, forms)
            refuse_bots(form)
            if (language := request.form.get(i18n.LANGUAGE_KEY)) is not None:
                # The language switch is part of the form: what was typed is kept, not judged,
                # and the same page comes back in the language chosen.
                self.save(draft, step.section, raw_values(form), value_maxima(form))
                if not i18n.choose_language(language):
                    abort(400)
                return see_other(request.full_path.rstrip("?"))
            valid = form.validate()
            self.save(draft, step.section, raw_values(form), value_maxima(form))
            if field_name := request.headers.get("X-Field"):
                return field_fragment(form, field_name)
            if valid:
                return see_other(self.after(step, changing(form), {**forms, step.section: form}))
        else:
            form = self.form(step, forms, MultiDict(draft.get(step.section, {})))
            if request.args.get("verificare"):
                form.validate()
        context = change_context(form, step.endpoint, url_for(self.check_endpoint))
        return render_page(
            step.template, "content", form=form, **context, **(template_context or {})
        )

    def after(self, step: Step, changed: str | None, forms: dict | None = None) -> str:
        """The next page that applies (given the validated `forms`); after a change, the check
        page, unless the change made a page incomplete or newly asked (that page, then)."""
        if not changed:
            return url_for(self.next_endpoint(step, forms))
        _, stopped_at = self.validated(drafts.load(self.name))
        if stopped_at is not None:
            return url_for(stopped_at.endpoint, verificare=1)
        return url_for(self.check_endpoint)

    def save(self, draft: dict, section: str, values: dict, maxima: dict | None = None) -> None:
        drafts.save_section(self.name, section, values, maxima)
        # A changed answer is not what was confirmed: the printout waits for the check page again.
        if draft.get(CONFIRMED) and draft.get(section) != drafts.bounded(values, maxima):
            drafts.save_section(self.name, CONFIRMED, {})

    def check(self):
        """Check your answers from the declared table; POST confirms them."""
        forms, stopped_at = self.validated(drafts.load(self.name))
        if stopped_at is not None:
            return redirect(url_for(stopped_at.endpoint, verificare=1))
        first = forms[self.steps[0].section]
        if request.method == "POST":
            refuse_bots(first)
            drafts.save_section(self.name, CONFIRMED, self.answers(forms))
            return see_other(url_for(self.confirmed_endpoint))
        change = {step.section: url_for(step.endpoint) for step in self.steps}
        return render_page(
            self.check_template,
            sections=sections(forms, self.check_answers, change),
            honeypot_field=first.website,
        )

    def confirmed(self) -> dict:
        """The confirmed answers; or, by abort, the check page when there are answers not yet
        confirmed, and `nothing_here` when this browser has none: whatever was filled in
        elsewhere stays there."""
        draft = drafts.load(self.name)
        if answers := draft.get(CONFIRMED):
            return answers
        if not any(draft.get(step.section) for step in self.steps):
            abort(self.nothing_here())
        abort(redirect(url_for(self.check_endpoint)))


def changing(form) -> str | None:
    """The answer a change link of the check page opened this page for, if it is one of the
    page's questions; anything else in ?schimbare= is ignored."""
    name = request.args.get(CHANGE)
    if not name or name == HONEYPOT or find_field(form, name) is None:
        return None
    return name


def change_context(form, endpoint: str, check_url: str) -> dict:
    """For a page opened to change one answer: that question takes focus, the form posts back
    in the same mode, and "Înapoi" leads to the check page."""
    name = changing(form)
    if name is None:
        return {}
    find_field(form, name).change_focus = True
    return {"form_action": url_for(endpoint, **{CHANGE: name}), "back_url": check_url}


def refuse_bots(form=None) -> None:
    """A bot filled the hidden field: refuse without saying why."""
    if request.form.get("website"):
        # The endpoint, not the path: a path can hold a reference.
        current_app.logger.info("Honeypot filled on %s", request.endpoint)
        abort(400)


def field_fragment(form, name: str):
    """Only the wrapper of the field that was left, swapped in place of the old one."""
    field = find_field(form, name)
    if field is None:
        abort(400)
    response = Response(render_template("components/field_fragment.html", f=field))
    response.headers["HX-Retarget"] = f"#field-{field.id}"
    response.headers["HX-Reswap"] = "outerHTML"
    response.vary.add("HX-Request")
    return response
