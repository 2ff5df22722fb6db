"""How long each kind of personal data is kept, why, and the purge that enforces it (F10).

`rules(periods)` is the one table: the privacy page (/protectia-datelor) shows it, and
`purge_all` runs its purges. The email worker (`flask outbox work`) runs them every
RETENTION_PURGE_MINUTES; `flask --app wsgi retention purge` runs them once.

The periods that policy may change are in the config (`Periods.from_config`); the others follow
from how the data is used and are fixed here. Approved requests are kept while the account
exists: they are the basis of the account (who asked, with which identity document, who
approved). Closing accounts is not a feature yet, so nothing deletes them today.
"""

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, delete, exists, or_, select, update
from sqlalchemy.orm import Session

from domain import ro
from webapp import jobs
from webapp.models import (
    AccountRequest,
    AuditEvent,
    AuthSession,
    BackgroundJob,
    CareerReport,
    CitizenAccount,
    Draft,
    OutboxEmail,
    SignInFailure,
)

log = logging.getLogger(__name__)

PURGED_TEXT = "[Textul acestui e-mail a fost șters după perioada de păstrare.]\n"
PURGED_HTML = "<p>Textul acestui e-mail a fost șters după perioada de păstrare.</p>\n"


@dataclass(frozen=True)
class Periods:
    # A request not registered at a counter within this many days expires (F11): the citizen
    # has had a month to bring the signed printout, and the CNP is no longer held by it.
    unregistered_days: int = 30
    # Rejected and expired requests: the petitions law (O.G. 27/2002) gives 30 days to answer
    # a citizen asking why; the rest is a margin for post and follow-up questions.
    closed_request_days: int = 90
    draft_days: int = 7
    # Our copy of a sent email; the person keeps theirs. Activation and reset links live at most
    # 72 hours, and a week covers "I did not get it" questions; the submission email's download
    # link (30 days) works from the person's copy, so ours need not be kept for it.
    sent_email_body_days: int = 7
    failed_email_body_days: int = 30
    # Recipient, subject and dates: proof that (and when) a decision was notified.
    email_record_days: int = 365
    # Past this, webapp/auth/throttle.py ignores the row anyway (FORGET_AFTER).
    sign_in_failure_hours: int = 24
    ended_session_days: int = 1
    done_job_days: int = 7
    abandoned_job_days: int = 30
    # Staff actions on personal data, kept for accountability (GDPR art. 5(2), Law 190/2018):
    # covers the general 3-year limitation period (Civil Code art. 2517) for a complaint about
    # how someone's data was handled, with time for it to reach us.
    audit_years: int = 5
    # Career reports (PDF and CSV in the database), from when they are made (REPORT_RETENTION_DAYS).
    report_days: int = 90
    # Needed to know when a session that was never signed out stopped being usable.
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12

    @classmethod
    def from_config(cls, config: Mapping) -> "Periods":
        defaults = cls()

        def get(name: str, default: int) -> int:
            value = config.get(name)
            return default if value in (None, "") else int(value)

        return cls(
            unregistered_days=get("ACCOUNT_REQUEST_UNREGISTERED_DAYS", defaults.unregistered_days),
            closed_request_days=get("CLOSED_REQUEST_RETENTION_DAYS", defaults.closed_request_days),
            draft_days=get("DRAFT_MAX_AGE_DAYS", defaults.draft_days),
            sent_email_body_days=get("SENT_EMAIL_BODY_DAYS", defaults.sent_email_body_days),
            failed_email_body_days=get("FAILED_EMAIL_BODY_DAYS", defaults.failed_email_body_days),
            audit_years=get("AUDIT_RETENTION_YEARS", defaults.audit_years),
            report_days=get("REPORT_RETENTION_DAYS", defaults.report_days),
            session_idle_minutes=get("SESSION_IDLE_MINUTES", defaults.session_idle_minutes),
            session_absolute_hours=get("SESSION_ABSOLUTE_HOURS", defaults.session_absolute_hours),
        )


Purge = Callable[[Session, datetime, Periods], int]


@dataclass(frozen=True)
class Rule:
    key: str
    # Romanian, for the privacy page: what is kept, for how long, and why.
    what: str
    how_long: str
    why: str
    purge: Purge | None


# --- the purges: each returns how many rows it changed or removed; the caller commits -------


def expire_unregistered(session: Session, now: datetime, p: Periods) -> int:
    """submitted → expired once not registered within the period (F11)."""
    result = session.execute(
        update(AccountRequest)
        .where(
            AccountRequest.status == "submitted",
            AccountRequest.submitted_at < now - timedelta(days=p.unregistered_days),
        )
        .values(status="expired")
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def delete_closed_requests(session: Session, now: datetime, p: Periods) -> int:
    """Rejected and expired requests, once the period after the rejection or expiry is over.

    The staff audit trail stays readable: its events lose the link to the row but keep the
    reference in their details.
    """
    cutoff = now - timedelta(days=p.closed_request_days)
    # An expiry has no date of its own: it happened `unregistered_days` after submission.
    expired_cutoff = cutoff - timedelta(days=p.unregistered_days)
    closed = or_(
        and_(
            AccountRequest.status == "rejected",
            or_(
                AccountRequest.decided_at < cutoff,
                and_(AccountRequest.decided_at.is_(None), AccountRequest.submitted_at < cutoff),
            ),
        ),
        and_(
            AccountRequest.status == "expired",
            or_(
                AccountRequest.decided_at < cutoff,
                and_(
                    AccountRequest.decided_at.is_(None),
                    AccountRequest.submitted_at < expired_cutoff,
                ),
            ),
        ),
    )
    # Never a request an account rests on, whatever its status says.
    has_account = exists().where(CitizenAccount.request_id == AccountRequest.id)
    doomed = dict(
        session.execute(
            select(AccountRequest.id, AccountRequest.reference).where(closed, ~has_account)
        ).all()
    )
    if not doomed:
        return 0
    events = session.scalars(select(AuditEvent).where(AuditEvent.request_id.in_(doomed)))
    for event in events:
        event.details = {"reference": doomed[event.request_id], **(event.details or {})}
        event.request_id = None
    session.flush()
    # qes: the e-signed copies and ID scans go with their requests.
    from webapp.account.signed_service import delete_files_of_requests

    delete_files_of_requests(session, doomed)
    session.execute(
        delete(AccountRequest)
        .where(AccountRequest.id.in_(doomed))
        .execution_options(synchronize_session=False)
    )
    return len(doomed)


def delete_old_drafts(session: Session, now: datetime, p: Periods) -> int:
    from webapp.life_certificate.upload_service import delete_scans_of_drafts
    from webapp.petitions.service import delete_files_of_drafts

    old = Draft.updated_at < now - timedelta(days=p.draft_days)
    # The attachments uploaded to a petition never sent go with their draft.
    delete_files_of_drafts(session, old)
    delete_scans_of_drafts(session, old)
    return _delete(session, Draft, old)


def blank_sent_email_bodies(session: Session, now: datetime, p: Periods) -> int:
    cutoff = now - timedelta(days=p.sent_email_body_days)
    return _blank_bodies(session, now, OutboxEmail.sent_at < cutoff)


def blank_failed_email_bodies(session: Session, now: datetime, p: Periods) -> int:
    cutoff = now - timedelta(days=p.failed_email_body_days)
    return _blank_bodies(session, now, OutboxEmail.failed_at < cutoff)


def delete_email_records(session: Session, now: datetime, p: Periods) -> int:
    # Only finished rows: an email still being retried is never dropped.
    cutoff = now - timedelta(days=p.email_record_days)
    return _delete(
        session,
        OutboxEmail,
        OutboxEmail.created_at < cutoff,
        or_(OutboxEmail.sent_at.is_not(None), OutboxEmail.failed_at.is_not(None)),
    )


def delete_sign_in_failures(session: Session, now: datetime, p: Periods) -> int:
    return _delete(
        session,
        SignInFailure,
        SignInFailure.last_failure_at < now - timedelta(hours=p.sign_in_failure_hours),
        or_(SignInFailure.locked_until.is_(None), SignInFailure.locked_until < now),
    )


def delete_ended_sessions(session: Session, now: datetime, p: Periods) -> int:
    margin = timedelta(days=p.ended_session_days)
    return _delete(
        session,
        AuthSession,
        or_(
            AuthSession.ended_at < now - margin,
            # Never signed out, but unusable since it went idle or reached its absolute end.
            AuthSession.last_seen_at < now - timedelta(minutes=p.session_idle_minutes) - margin,
            AuthSession.created_at < now - timedelta(hours=p.session_absolute_hours) - margin,
        ),
    )


def delete_finished_jobs(session: Session, now: datetime, p: Periods) -> int:
    return _delete(
        session,
        BackgroundJob,
        or_(
            BackgroundJob.done_at < now - timedelta(days=p.done_job_days),
            and_(
                BackgroundJob.done_at.is_(None),
                BackgroundJob.attempts >= jobs.MAX_ATTEMPTS,
                BackgroundJob.created_at < now - timedelta(days=p.abandoned_job_days),
            ),
        ),
    )


def delete_old_reports(session: Session, now: datetime, p: Periods) -> int:
    """Career reports past their date, and requests that never became a report."""
    return _delete(
        session,
        CareerReport,
        or_(
            CareerReport.expires_at < now,
            and_(
                CareerReport.status != "ready",
                CareerReport.requested_at < now - timedelta(days=p.report_days),
            ),
        ),
    )


def delete_old_audit_events(session: Session, now: datetime, p: Periods) -> int:
    return _delete(session, AuditEvent, AuditEvent.at < years_before(now, p.audit_years))


def _delete(session: Session, model, *conditions) -> int:
    result = session.execute(
        delete(model).where(*conditions).execution_options(synchronize_session=False)
    )
    return result.rowcount


def _blank_bodies(session: Session, now: datetime, condition) -> int:
    result = session.execute(
        update(OutboxEmail)
        .where(condition, OutboxEmail.purged_at.is_(None))
        .values(text_body=PURGED_TEXT, html_body=PURGED_HTML, purged_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


# Wording for an expired request, for the status page and the counter (F11).
EXPIRED_LABEL = "Expirată (neînregistrată la timp)"


def expiry_step(request: AccountRequest, p: Periods) -> dict:
    """The /stare timeline step of an expired request (webapp/account/status.py's step format)."""
    return {
        "what": "Cererea a expirat",
        "when": request.submitted_at + timedelta(days=p.unregistered_days),
        "detail": (
            f"Nu a fost înregistrată la o casă de pensii în {_days(p.unregistered_days)} de la "
            "trimitere. Puteți trimite o cerere nouă."
        ),
    }


# --- the table ------------------------------------------------------------------------------


def rules(p: Periods) -> list[Rule]:
    return [
        Rule(
            "unregistered_requests",
            "Cererile de cont trimise online și neînregistrate la ghișeu",
            f"{_days(p.unregistered_days)} de la trimitere; apoi cererea expiră",
            "Aveți acest timp ca să duceți cererea semnată la casa de pensii. O cerere expirată "
            "nu mai poate fi înregistrată, iar cu același CNP puteți trimite o cerere nouă.",
            expire_unregistered,
        ),
        Rule(
            "closed_requests",
            "Cererile respinse sau expirate (identitatea, actul de identitate, adresa, "
            "persoanele administrate)",
            f"{_days(p.closed_request_days)} de la respingere sau expirare, apoi se șterg",
            "Ca să vă putem răspunde dacă întrebați de ce a fost respinsă cererea: legea "
            "petițiilor (Ordonanța nr. 27/2002) dă 30 de zile pentru răspuns, iar restul "
            "este o marjă pentru corespondență.",
            delete_closed_requests,
        ),
        Rule(
            "approved_requests",
            "Cererile aprobate",
            "Cât timp există contul online",
            "Sunt temeiul contului: arată cine l-a cerut, cu ce act de identitate și cine "
            "l-a aprobat.",
            None,
        ),
        Rule(
            "drafts",
            "Formularele începute și netrimise (inclusiv IBAN-ul și datele pentru "
            "certificatul de viață)",
            f"{_days(p.draft_days)} de la ultima modificare",
            "Ca să puteți reveni la un formular neterminat fără să pierdeți ce ați scris.",
            delete_old_drafts,
        ),
        Rule(
            "sent_email_bodies",
            "Textul e-mailurilor trimise, cu legăturile de activare și de schimbare a parolei",
            f"{_days(p.sent_email_body_days)} de la trimitere, apoi textul se șterge",
            "Legăturile din e-mailuri sunt valabile cel mult 72 de ore; textul ajută doar la "
            "lămurirea unei probleme de livrare semnalate imediat.",
            blank_sent_email_bodies,
        ),
        Rule(
            "failed_email_bodies",
            "Textul e-mailurilor care nu au putut fi livrate",
            f"{_days(p.failed_email_body_days)} de la ultima încercare, apoi textul se șterge",
            "Ca personalul să afle de ce nu a ajuns mesajul și să vă poată anunța altfel.",
            blank_failed_email_bodies,
        ),
        Rule(
            "email_records",
            "Evidența e-mailurilor (destinatarul, subiectul, data trimiterii)",
            f"{_years_text(p.email_record_days)} de la scriere",
            "Ca să putem arăta dacă și când v-am anunțat o decizie, de exemplu aprobarea sau "
            "respingerea cererii.",
            delete_email_records,
        ),
        Rule(
            "sign_in_failures",
            "Încercările de autentificare greșite (adresa de e-mail introdusă și adresa IP)",
            f"{_hours(p.sign_in_failure_hours)} de la ultima încercare greșită",
            "Servesc doar la întârzierea care protejează conturile de ghicirea parolei; după "
            "acest timp nu mai contează.",
            delete_sign_in_failures,
        ),
        Rule(
            "ended_sessions",
            "Sesiunile de autentificare încheiate (ieșire din cont sau expirare)",
            f"{_days(p.ended_session_days)} de la încheiere",
            "O sesiune încheiată nu mai poate fi folosită; ziua în plus ajută la lămurirea "
            "unei probleme de securitate semnalate imediat.",
            delete_ended_sessions,
        ),
        Rule(
            "background_jobs",
            "Lucrările făcute în fundal (de exemplu trimiterea legăturii pentru o parolă nouă)",
            f"{_days(p.done_job_days)} de la încheiere; cele care nu au reușit, "
            f"{_days(p.abandoned_job_days)}",
            "Ca să se poată verifica o problemă de funcționare semnalată în zilele următoare.",
            delete_finished_jobs,
        ),
        Rule(
            "career_reports",
            "Rapoartele despre cariera de asigurat cerute în cont (PDF și CSV)",
            f"{_days(p.report_days)} de la emitere, apoi se șterg",
            "Ca să le puteți descărca din nou și ca cine a primit raportul tipărit să-l poată "
            "verifica la /verificare; oricând puteți cere unul nou.",
            delete_old_reports,
        ),
        Rule(
            "audit_events",
            "Jurnalul acțiunilor personalului (cine a căutat, a văzut, a înregistrat, a aprobat "
            "sau a respins o cerere, când și de la ce adresă)",
            f"{_years(p.audit_years)}",
            "Pentru răspunderea față de dumneavoastră (Regulamentul general privind protecția "
            "datelor, art. 5 alin. (2), și Legea nr. 190/2018): arată cine a lucrat cu datele "
            "dumneavoastră și permite verificarea unei plângeri. După ștergerea unei cereri, "
            "jurnalul păstrează doar numărul ei de referință.",
            delete_old_audit_events,
        ),
    ]


def purge_all(session: Session, now: datetime, p: Periods) -> list[tuple[Rule, int | None]]:
    """Runs every purge, each in its own transaction; None for one that failed (logged), so
    that one kind's trouble does not keep the others' data."""
    now = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    done = []
    for rule in rules(p):
        if rule.purge is None:
            continue
        try:
            count = rule.purge(session, now, p)
            session.commit()
        except Exception:
            session.rollback()
            log.exception("retention: purge %s failed", rule.key)
            count = None
        done.append((rule, count))
    return done


def summary(results: list[tuple[Rule, int | None]]) -> str:
    lines = [
        f"{rule.what}: {'eroare (vedeți jurnalul)' if count is None else count}."
        for rule, count in results
    ]
    return "\n".join(lines)


# --- Romanian numbers: "o zi", "7 zile", "30 de zile" ----------------------------------------


def _days(number: int) -> str:
    return ro.count(number, "zi", "zile", single="o zi")


def _hours(number: int) -> str:
    return ro.count(number, "oră", "ore", single="o oră")


def _years(number: int) -> str:
    return ro.count(number, "an", "ani", single="un an")


def _years_text(days: int) -> str:
    return _years(days // 365) if days % 365 == 0 else _days(days)
