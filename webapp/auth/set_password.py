"""The one set-password page, reached two ways: the activation link of the approval email
(webapp.auth.activation) and the link of "Am uitat parola" (webapp.auth.sign_in).

Both read a signed token naming the account and the state of its password, show the form with the
password rules live, and send to the sign-in page once the password is saved. What differs is
said by the caller: the token's kind, the heading, the pages for an expired or spent link, and
how the password is saved.
"""

import datetime as dt
from collections.abc import Callable

from flask import Response, abort, request, session, url_for

from domain.passwords import rules_met
from forms.passwords import SetPasswordForm
from webapp.auth.tokens import TokenExpired, TokenInvalid, read_token, state_fingerprint
from webapp.db import db
from webapp.htmx import render_page, see_other
from webapp.models import CitizenAccount

TEMPLATE = "pages/activation/set_password.html"
# In the session: the address whose password was just saved, for the sign-in page.
SAVED_FOR = "password_saved_for"


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
    toggled = show_password_asked()
    if toggled is None and form.validate_on_submit():
        if not save(account, form.password.data, dt.datetime.now(dt.UTC)):
            return spent()
        # The sign-in page fills in the address from here, never from the URL.
        session[SAVED_FOR] = account.email
        return see_other(url_for("sign_in.sign_in"))
    return render_page(
        TEMPLATE,
        "content",
        form=form,
        rules=rules_met(form.password.data or ""),
        action=url_for(request.endpoint, token=token),
        heading=heading,
        email=account.email,
        toggled=toggled is not None,
        shown=bool(toggled),
    )


def password_rules_fragment(form) -> Response:
    # No <title>: typing changes the list, not the page's state.
    response = render_page(
        TEMPLATE,
        "password_rules",
        with_title=False,
        form=form,
        rules=rules_met(form.password.data or ""),
    )
    response.headers["HX-Retarget"] = "#password-rules"
    response.headers["HX-Reswap"] = "outerHTML"
    return response


def show_password_asked() -> bool | None:
    """Without JavaScript, "Arată parola" / "Ascunde parola" submit the form under their own
    name: True to show, False to hide, None when the form was submitted to save."""
    if request.method != "POST" or "show_password" not in request.form:
        return None
    return request.form["show_password"] == "1"
