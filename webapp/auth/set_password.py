"""The one set-password page, reached two ways: the activation link of the approval email
(webapp.auth.activation) and the link of "Am uitat parola" (webapp.auth.sign_in).

Both read a signed token naming the account and the state of its password, show the form with the
password rules live, and send to the sign-in page once the password is saved. What differs is
said by the caller: the token's kind, the heading, the pages for an expired or spent link, and
how the password is saved.
"""

import datetime as dt
from collections.abc import Callable

from flask import Response, abort, request, url_for

from domain.passwords import rules_met
from forms.passwords import SetPasswordForm
from webapp.auth.tokens import TokenExpired, TokenInvalid, read_token, state_fingerprint
from webapp.db import db
from webapp.htmx import render_page, see_other
from webapp.models import CitizenAccount

TEMPLATE = "pages/activation/set_password.html"


def page(
    token: str,
    *,
    kind: str,
    heading: str,
    expired: Callable[[], Response],
    spent: Callable[[], Response],
    save: Callable[[CitizenAccount, str, dt.datetime], bool],
    already_set: bool = False,
) -> Response:
    """The page for `token` of `kind`. A link is spent once the password it was sent for has
    changed (or, with `already_set`, once there is any password); `save` says False when it was
    spent meanwhile."""
    try:
        payload = read_token(kind, token)
    except TokenInvalid:
        abort(404)
    except TokenExpired:
        return expired()
    account = db().get(CitizenAccount, payload["a"])
    if account is None:
        abort(404)
    if (already_set and account.password_hash) or state_fingerprint(
        account.password_hash
    ) != payload["s"]:
        return spent()
    form = SetPasswordForm(email=account.email)
    if request.method == "POST" and request.headers.get("X-Field-Live") == "password":
        return password_rules_fragment(form)
    if form.validate_on_submit() and not wants_to_see_password(form):
        if not save(account, form.password.data, dt.datetime.now(dt.UTC)):
            return spent()
        return see_other(url_for("sign_in.sign_in", parola="setata"))
    return render_page(
        TEMPLATE,
        "content",
        form=form,
        rules=rules_met(form.password.data or ""),
        action=url_for(request.endpoint, token=token),
        heading=heading,
    )


def password_rules_fragment(form) -> Response:
    response = render_page(
        TEMPLATE, "password_rules", form=form, rules=rules_met(form.password.data or "")
    )
    response.headers["HX-Retarget"] = "#password-rules"
    response.headers["HX-Reswap"] = "outerHTML"
    return response


def wants_to_see_password(form) -> bool:
    """Without JavaScript the box is only read on submit: show the password once, save next time."""
    return bool(form.show_password.data) and request.form.get("password_shown") != "1"
