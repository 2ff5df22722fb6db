"""Error pages in Romanian. A client error never becomes a 500."""

import contextlib

from flask import Flask, current_app, g, jsonify, make_response, request, url_for
from flask.globals import request_ctx
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import Forbidden, HTTPException

from webapp.htmx import render_page, wants_fragment
from webapp.links import public_adapter, public_url

MESSAGES = {
    400: (
        "Cererea nu a putut fi citită",
        "Datele trimise nu au putut fi citite. Întoarceți-vă la pagina anterioară și încercați din nou.",
    ),
    403: (
        "Nu aveți acces la această pagină",
        "Pagina nu este disponibilă cu datele sau contul cu care ați deschis-o. Dacă ați ajuns aici dintr-o legătură, porniți de la pagina principală.",
    ),
    404: (
        "Pagina nu a fost găsită",
        "Verificați adresa paginii. Dacă ați folosit o legătură dintr-un e-mail, este posibil să fi fost copiată incomplet.",
    ),
    405: (
        "Acțiunea nu este permisă",
        "Pagina nu acceptă acest tip de cerere. Întoarceți-vă la pagina anterioară.",
    ),
    413: (
        "Datele trimise sunt prea mari",
        "Formularul a trimis mai multe date decât acceptăm. Scurtați textele lungi și încercați din nou.",
    ),
    429: (
        "Prea multe încercări",
        "Ați trimis prea multe cereri într-un timp scurt. Așteptați câteva minute și încercați din nou.",
    ),
    500: (
        "A apărut o problemă tehnică",
        "Nu am putut finaliza acțiunea. Datele trimise nu s-au pierdut dacă ați primit un număr de referință. Încercați din nou peste câteva minute.",
    ),
}

# The database restarting or out of reach (a failover, a restart): for a moment, not a fault of
# the page, so a 503 the client may retry rather than the 500 of a bug. The pool's pre-ping
# replaces the dropped connections by itself once the database answers again.
DATABASE_MESSAGE = (
    "Serviciul este indisponibil pentru câteva momente",
    "Nu am putut ajunge la datele portalului. Dacă ați primit un număr de referință, cererea "
    "este înregistrată; altfel, răspunsurile date până acum sunt păstrate. Încercați din nou "
    "peste un minut.",
)
DATABASE_RETRY_AFTER_SECONDS = 30

HOST_MESSAGE = (
    "Adresa site-ului nu este recunoscută",
    "Deschideți portalul de la adresa lui oficială: {address}",
)

CSRF_MESSAGE = (
    "Formularul a expirat",
    "Din motive de securitate, formularul trebuie retrimis din pagina site-ului. "
    "Întoarceți-vă la pagina anterioară, reîncărcați-o și trimiteți din nou.",
)


class Refusal(Forbidden):
    """A 403 whose page says what to do instead (m17): `message`, and a `link` (label, href) to
    the way forward. Raised by refuse()."""

    def __init__(self, message: str, link: tuple[str, str] | None = None):
        super().__init__(description=message)
        self.link = link


def refuse(message: str, link: tuple[str, str] | None = None):
    raise Refusal(message, link)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(InterfaceError, _database_unavailable)
    app.register_error_handler(Exception, _unexpected_error)


def _host_refused() -> bool:
    # Flask builds the URL adapter from the Host before routing; it has none when it refused
    # the Host (not in TRUSTED_HOSTS, or malformed such as a..b).
    return request_ctx.url_adapter is None


def _render(status: int, heading: str, message: str, link: tuple[str, str] | None = None):
    try:
        if _host_refused():
            # url_for would have nothing to build with (F14.1). The page's links are paths:
            # build them from the public address instead, and send people to the real site.
            request_ctx.url_adapter = public_adapter()
            home_url = public_url("home.index")
        else:
            home_url = url_for("home.index")
        response = render_page(
            "pages/errors/error.html",
            status=status,
            heading=heading,
            message=message,
            code=status,
            home_url=home_url,
            link=link,
        )
    except Exception:
        # The error page must answer whatever broke: a bare page with the same words.
        current_app.logger.exception("The error page could not be rendered")
        response = make_response(_bare_page(heading, message), status)
    if status == 413:
        # The client may still be sending; do not keep the connection for the rest of it.
        response.headers["Connection"] = "close"
    return response


def refusal_page(status: int, heading: str, template: str, **context):
    """A refusal meant for the person rather than a form's error (429, the 503 of
    webapp/rate_limits.py): the whole page, or for htmx its main content. htmx leaves a 4xx/5xx
    answer unshown, so X-Portal-Refusal asks static/js/portal.js to show this one, in place of
    the main content whatever part the request was for."""
    response = render_page(
        template,
        "content",
        status=status,
        heading=heading,
        home_url=url_for("home.index"),
        **context,
    )
    if wants_fragment():
        response.headers["HX-Retarget"] = "#content"
        response.headers["HX-Reswap"] = "innerHTML"
        response.headers["X-Portal-Refusal"] = "1"
    return response


def _csrf_error(error: CSRFError):
    return _render(400, *CSRF_MESSAGE)


def _http_error(error: HTTPException):
    code = error.code or 500
    if _host_refused():
        heading, message = HOST_MESSAGE
        message = message.format(address=current_app.config["PUBLIC_BASE_URL"])
    else:
        heading, message = MESSAGES.get(code, (error.name, error.description or ""))
    link = None
    if isinstance(error, Refusal):
        message, link = error.description, error.link
    if request.path.startswith("/api/"):
        # API clients read JSON, whatever went wrong.
        return jsonify({"error": {"parameter": None, "message": heading}}), code
    if code == 429 and not _host_refused():
        response = refusal_page(
            429, heading, "pages/errors/error.html", message=message, code=429, link=None
        )
        if retry_after := getattr(error, "retry_after", None):
            response.headers["Retry-After"] = str(retry_after)
        return response
    response = _render(code, heading, message, link)
    if code == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _bare_page(heading: str, message: str) -> str:
    heading, message = escape(heading), escape(message)
    return (
        '<!doctype html>\n<html lang="ro">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{heading} – Portal pensii</title>\n</head>\n<body>\n"
        f"<main>\n<h1>{heading}</h1>\n<p>{message}</p>\n</main>\n</body>\n</html>\n"
    )


def _database_unavailable(error: Exception):
    current_app.logger.warning("Database unavailable: %s", type(error).__name__)
    session = g.get("db_session")
    if session is not None:
        # The connection is gone; the page below may still ask for the signed-in user.
        with contextlib.suppress(Exception):
            session.rollback()
    heading, message = DATABASE_MESSAGE
    if request.path.startswith("/api/"):
        response = make_response(jsonify({"error": {"parameter": None, "message": heading}}), 503)
    else:
        response = _render(503, heading, message)
    response.headers["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    return response


def _unexpected_error(error: Exception):
    current_app.logger.exception("Unhandled error")
    return _render(500, *MESSAGES[500])
