"""Sign in, sign out, and a new password by email. No message reveals whether an email has
an account, and no answer takes longer for one kind of email than another: every attempt costs
exactly one password hash (F3), and "Am uitat parola" only queues a background job (F20).

Staff also type a TOTP code on a page of its own (webapp.auth.second_factor): the password step only
leaves a short-lived marker in the session, and nothing is signed in until the code is right.
"""

import datetime as dt
from urllib.parse import urlsplit

from flask import Blueprint, current_app, request, session, url_for
from flask_login import login_user
from wtforms.widgets import PasswordInput

from domain import ro
from forms.sign_in import CodeForm, ForgotPasswordForm, SignInForm
from webapp import rate_limits
from webapp.auth import known_browsers, second_factor, throttle
from webapp.auth import queries as auth_queries
from webapp.auth import service as auth_service
from webapp.auth import set_password as set_password_page
from webapp.auth.passwords import verify_password
from webapp.auth.tokens import state_fingerprint
from webapp.auth.users import end_session, start_session
from webapp.db import db
from webapp.errors import MESSAGES
from webapp.htmx import render_page, see_other
from webapp.models import CitizenAccount, StaffMember

bp = Blueprint("sign_in", __name__)
WRONG = "Adresa de e-mail sau parola nu sunt corecte."
WRONG_CODE = (
    "Codul nu este corect sau a fost deja folosit. Introduceți codul afișat acum în aplicație."
)
NOT_ENROLLED = (
    "Contul dumneavoastră de personal nu are încă a doua verificare (codul din aplicația de "
    "autentificare). Cereți unui administrator să vă înroleze, apoi autentificați-vă din nou."
)
PENDING = "pending_staff"
PENDING_FOR = dt.timedelta(minutes=5)
SIGNED_OUT = {
    "idle": "Sesiunea s-a încheiat după {minutes} fără activitate. Autentificați-vă din nou.",
    "expired": "Sesiunea s-a încheiat: o autentificare este valabilă cel mult {hours}. "
    "Autentificați-vă din nou.",
    "pending": "Codul nu a fost introdus în 5 minute. Autentificați-vă din nou.",
}


def _address_limit_reached(limit) -> object:
    """Flask-Limiter's per-address limit: the page again, with what was typed, and the hour."""
    problem = _address_limit_text(limit)
    if request.endpoint == "sign_in.forgot_password":
        return render_page(
            "pages/sign_in/forgot.html", form=ForgotPasswordForm(), problem=problem, status=429
        )
    return _sign_in_page(SignInForm(), problem, status=429)


def _address_limit_text(limit) -> str:
    until = dt.datetime.fromtimestamp(limit.reset_at, dt.UTC)
    return (
        "Din această adresă de internet s-au trimis prea multe formulare într-un timp scurt. "
        f"Încercați din nou după ora {ro.time_of_day(until)} (ora României)."
    )


@bp.errorhandler(429)
def _too_many(error):
    # The page built by _address_limit_reached travels inside the exception.
    if error.response is not None:
        return error.response
    heading, message = MESSAGES[429]
    return render_page(
        "pages/errors/error.html", status=429, heading=heading, message=message, code=429
    )


@bp.route("/autentificare", methods=["GET", "POST"])
@rate_limits.limit("sign-in", methods=["POST"], on_breach=_address_limit_reached)
def sign_in():
    form = SignInForm()
    toggled = set_password_page.show_password_asked()
    if toggled is not None:
        # "Arată parola" without JavaScript: the page again, the password shown, nothing tried.
        return _sign_in_page(form, None, shown=toggled)
    if not form.validate_on_submit():
        return _sign_in_page(form, None)
    now = dt.datetime.now(dt.UTC)
    email, address = form.email.data, request.remote_addr
    wait = throttle.waiting_until(
        db(), "password", email, address, now, known_browsers.knows(email)
    )
    if wait:
        return _sign_in_page(form, _wait_message(wait, now), status=429)
    found = _authenticate(email, form.password.data)
    if found is None:
        throttle.record_failure(db(), "password", email, address, now)
        wait = throttle.waiting_until(
            db(), "password", email, address, now, known_browsers.knows(email)
        )
        if wait:
            return _sign_in_page(form, _wait_message(wait, now), status=429)
        return _sign_in_page(form, WRONG)
    kind, person = found
    if kind == "citizen":
        return _complete(kind, person, request.args.get("next", ""), now)
    if not second_factor.is_enrolled(person):
        return _sign_in_page(form, NOT_ENROLLED)
    # Only a marker: the staff member is not signed in before the code is right.
    session.clear()
    session[PENDING] = {
        "id": person.id,
        "fingerprint": state_fingerprint(person.password_hash),
        "until": (now + PENDING_FOR).timestamp(),
        "next": request.args.get("next", ""),
    }
    return see_other(url_for("sign_in.code"))


@bp.route("/autentificare/cod", methods=["GET", "POST"])
@rate_limits.limit(
    "sign-in-code",
    methods=["POST"],
    on_breach=lambda limit: _code_page(CodeForm(), _address_limit_text(limit), status=429),
)
def code():
    now = dt.datetime.now(dt.UTC)
    member = _pending_member(now)
    if member is None:
        session.pop(PENDING, None)
        session["signed_out"] = "pending"
        return see_other(url_for("sign_in.sign_in"))
    form = CodeForm()
    if not form.validate_on_submit():
        return _code_page(form, None)
    address = request.remote_addr
    known = known_browsers.knows(member.email)
    wait = throttle.waiting_until(db(), "code", member.email, address, now, known)
    if wait:
        return _code_page(form, _wait_message(wait, now, code=True), status=429)
    if second_factor.verify(db(), member, form.code.data, now):
        return _complete("staff", member, session[PENDING]["next"], now)
    throttle.record_failure(db(), "code", member.email, address, now)
    wait = throttle.waiting_until(db(), "code", member.email, address, now, known)
    if wait:
        return _code_page(form, _wait_message(wait, now, code=True), status=429)
    return _code_page(form, WRONG_CODE)


@bp.post("/iesire")
def sign_out():
    end_session()
    return see_other(url_for("sign_in.sign_in", iesit=1))


@bp.route("/parola-uitata", methods=["GET", "POST"])
@rate_limits.limit(
    "password-reset",
    methods=["POST"],
    # An empty or mistyped address is not a request for an email: it does not use the quota.
    deduct_when=lambda response: response.status_code == 303,
    on_breach=_address_limit_reached,
)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        auth_service.request_password_reset(db(), form.email.data.strip().lower())
        return see_other(url_for("sign_in.forgot_password_sent"))
    return render_page("pages/sign_in/forgot.html", "content", form=form, problem=None)


@bp.get("/parola-uitata/trimis")
def forgot_password_sent():
    return render_page("pages/sign_in/forgot_sent.html")


@bp.route("/parola-noua/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    return set_password_page.page(
        token,
        kind="password-reset",
        heading="Alegeți o parolă nouă",
        expired=lambda: render_page("pages/sign_in/reset_expired.html", status=410),
        spent=lambda: render_page("pages/sign_in/reset_used.html", status=410),
        save=_reset,
    )


def _reset(account: CitizenAccount, password: str, now: dt.datetime) -> bool:
    if not auth_service.reset_password(db(), account, password, now):
        return False
    # The owner who read the email may sign in again at once, even while someone else
    # exhausts the account's budget.
    throttle.forget_account(db(), account.email)
    return True


def _authenticate(email: str, password: str):
    """("staff", member), ("citizen", account) or None, after exactly one password hash
    whatever the email: staff, citizen, not activated or unknown."""
    email = throttle.normalised(email)
    member = auth_queries.active_staff(db(), email)
    account = None
    if member is None:
        account = auth_queries.citizen_account(db(), email)
    person = member or account
    stored = person.password_hash if person is not None else None
    if not verify_password(stored, password):
        return None
    return ("staff", member) if member is not None else ("citizen", account)


def _complete(kind: str, person, target: str, now: dt.datetime):
    address = request.remote_addr
    throttle.record_success(db(), "password", person.email, address, now)
    if kind == "staff":
        throttle.record_success(db(), "code", person.email, address, now)
    # A new session at sign-in: nothing from before carries over.
    session.clear()
    user = start_session(kind, person, now)
    login_user(user)
    session.permanent = True
    response = see_other(_next_page(user, target))
    known_browsers.remember(response, person.email)
    return response


def _pending_member(now: dt.datetime) -> StaffMember | None:
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or pending.get("until", 0) < now.timestamp():
        return None
    member = db().get(StaffMember, pending["id"])
    if member is None or not member.active or not second_factor.is_enrolled(member):
        return None
    if state_fingerprint(member.password_hash) != pending["fingerprint"]:
        return None
    return member


def _sign_in_page(form, problem, status=200, shown: bool | None = None):
    notice = None
    reason = session.pop("signed_out", None)
    if reason in SIGNED_OUT:
        notice = SIGNED_OUT[reason].format(
            minutes=ro.count(current_app.config["SESSION_IDLE_MINUTES"], "minut", "minute"),
            hours=ro.count(current_app.config["SESSION_ABSOLUTE_HOURS"], "oră", "ore"),
        )
    if request.method == "GET" and (saved_for := session.pop(set_password_page.SAVED_FOR, None)):
        notice = "Parola a fost salvată. Autentificați-vă cu parola nouă."
        form.email.data = saved_for
    if shown is not None:
        notice = "Nu v-ați autentificat încă. Verificați parola, apoi apăsați „Autentificare”."
        # The box keeps what was typed, shown or hidden as asked.
        form.password.widget = PasswordInput(hide_value=False)
        form.password.render_kw = {
            **(form.password.render_kw or {}),
            "type": "text" if shown else "password",
        }
    return render_page(
        "pages/sign_in/sign_in.html",
        "content",
        form=form,
        problem=problem,
        notice=notice,
        status=status,
        shown=bool(shown),
    )


def _code_page(form, problem, status=200):
    return render_page(
        "pages/sign_in/code.html", "content", form=form, problem=problem, status=status
    )


def _wait_message(until: dt.datetime, now: dt.datetime, code: bool = False) -> str:
    when = f"ora {ro.time_of_day(until)}"
    if until - now > dt.timedelta(hours=1):
        when = f"{ro.long_date(until)}, ora {ro.time_of_day(until)}"
    tried = "coduri greșite" if code else "încercări greșite"
    advice = "" if code else " Dacă nu vă amintiți parola, folosiți „Am uitat parola”."
    return (
        f"Au fost prea multe {tried}. Din motive de securitate, puteți încerca din nou "
        f"după {when} (ora României).{advice}"
    )


def _next_page(user, target: str) -> str:
    parts = urlsplit(target)
    # Only a path on this site (never an open redirect), and nothing that cannot go into a
    # Location header (F14.5): control characters or a backslash send to the default page.
    clean = target.isprintable() and "\\" not in target
    if clean and target.startswith("/") and not target.startswith("//") and not parts.netloc:
        area = "/ghiseu" if user.is_staff else "/contul-meu"
        if parts.path.startswith(area):
            return target
    return url_for("counter.queue") if user.is_staff else url_for("my_account.index")
