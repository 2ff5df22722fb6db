"""Writing an email to the outbox, inside the caller's transaction.

The caller commits: the email exists if and only if the state change it announces does
(an approval rolled back sends no activation email; a committed one always gets it).
"""

from dataclasses import dataclass

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp.links import public_url
from webapp.logging_setup import current_correlation_id
from webapp.models import OutboxEmail, utcnow


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text_body: str
    html_body: str


def queue_email(
    session: Session, *, to: str, template: str, language: str = "ro", **context
) -> OutboxEmail:
    """Render templates/emails/<template>.txt and .html and add the row to the session.

    `language`: the e-mail's language, layout included (only the pensioner's life-certificate
    e-mails are translated); Romanian by default, whatever page the request that queues it is on.

    Needs an app context (the templates use Flask's Jinja environment and its filters).
    Does not flush or commit.
    """
    recipient = to.strip()
    # A line break in an address would become a header injection when the email is built;
    # refuse it here, in the caller's transaction, rather than leave a message that never sends.
    if not recipient or "\r" in recipient or "\n" in recipient:
        raise ValueError("queue_email: the recipient address is empty or contains a line break")
    rendered = render_email(template, language=language, **context)
    now = utcnow()
    email = OutboxEmail(
        recipient=recipient,
        template=template,
        subject=rendered.subject,
        text_body=rendered.text_body,
        html_body=rendered.html_body,
        created_at=now,
        next_attempt_at=now,
        attempts=0,
        # The request or job queuing it, so that its delivery's log lines carry the same id.
        correlation_id=current_correlation_id(),
    )
    session.add(email)
    return email


def latest_status_for(
    session: Session, recipient: str, templates: tuple[str, ...] | None = None
) -> OutboxEmail | None:
    """The newest email queued for this address (optionally of these templates), or None.

    Its `.status` is sent, failed (given up: the address refuses mail for good), pending or
    retrying; `.failed_at`, `.sent_at` and `.last_error` say when and why.
    """
    query = select(OutboxEmail).where(
        func.lower(OutboxEmail.recipient) == recipient.strip().lower()
    )
    if templates:
        query = query.where(OutboxEmail.template.in_(templates))
    return session.scalars(query.order_by(OutboxEmail.id.desc()).limit(1)).first()


def render_email(template: str, language: str = "ro", **context) -> RenderedEmail:
    # Every email ends with where to ask (m3): the contact page, built from the public address.
    context.setdefault("contact_url", public_url("legal.contact"))
    with force_locale(language):
        subject = render_subject(template, **context)
        text_body = render_template(f"emails/{template}.txt", subject=subject, **context)
        html_body = render_template(f"emails/{template}.html", subject=subject, **context)
    return RenderedEmail(subject, _tidy_text(text_body), html_body.strip() + "\n")


def render_subject(template: str, **context) -> str:
    """The `subject` block of the .txt template; every email template has one."""
    text_template = current_app.jinja_env.get_template(f"emails/{template}.txt")
    current_app.update_template_context(context)
    subject = "".join(text_template.blocks["subject"](text_template.new_context(context)))
    # One line whatever the template's layout: a header cannot hold a line break.
    return " ".join(subject.split())


def _tidy_text(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    tidy: list[str] = []
    for line in lines:
        # At most one blank line in a row, whatever the template's block tags left behind.
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy) + "\n"
