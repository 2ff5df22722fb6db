"""JSON API of the pension estimate: ``/api/v1/pension/estimate``, ``/net``,
``/retirement``, all answered by the pure rules in ``domain.pension``. Each takes its parameters
in the query string (GET) or, for a query too long for an address (a career of monthly incomes),
as the members of a JSON object in the body of a POST: same names, same checks, same answers.

Numbers: every amount, score, percent and line value is a JSON *string* holding the exact decimal
with a dot (``"3017.25000"``, ``"-200.697"``), never a JSON number: the rules compute in Decimal,
and a float would change the digits that make the lines add up. Counts (years, months, days,
children, months of anticipation) are JSON integers; dates are ``YYYY-MM-DD`` strings.

``/estimate`` answers every pension kind (``kind``: ``varsta``, ``invaliditate``, ``urmas``,
``in_plata``) with the same fields and lines; the kind's own details are in ``companion_allowance``,
``survivors`` and ``in_payment`` (null for the other kinds).

Bad input is a 400 with ``{"error": {"parameter": ..., "message": ...}}`` (message in Romanian):
a bad value, a parameter the endpoint does not know (a typo would otherwise be ignored and give
a wrong estimate), a body that is not a JSON object. A query string over ``MAX_GET_QUERY_BYTES``
is a 414 that says to use POST, a body over MAX_CONTENT_LENGTH a 413: JSON too, never the HTML
of a server (F17). Results depend only on the query and the rule data shipped with the code, so
the asker's browser may keep a GET's answer for an hour; shared caches may not, as the query
carries personal data. The OpenAPI description is webapp/pension/openapi.py.
"""

import json
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any
from urllib.parse import unquote_plus

from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import HTTPException

from domain import ro
from domain.pension import (
    ESTIMATE_PARAMETERS,
    NET_PARAMETERS,
    RETIREMENT_PARAMETERS,
    PensionInputError,
    estimate_from_query,
    net_from_query,
    retirement_from_query,
)
from webapp.extensions import csrf

bp = Blueprint("pension_api", __name__, url_prefix="/api/v1/pension")
# No cookie, no session, nothing changed: a POST here has no ambient authority to forge.
csrf.exempt(bp)

# What an address may carry here: a request line within gunicorn's default 4094 bytes (and
# nginx's 8 KiB), so that the server in front never answers first, with HTML. Longer queries
# (many incomes) go by POST, up to MAX_CONTENT_LENGTH (64 KiB: the 1,000 incomes the rules
# accept take about 16 KiB); the rules package caps the number of income entries itself.
MAX_GET_QUERY_BYTES = 4000
# The query carries personal data (birth date, sex, incomes): only the asker's own browser
# may keep the answer (F10), for an hour, so a corrected rule value reaches it soon.
CACHE_CONTROL = "private, max-age=3600"
MESSAGES = {
    404: "Adresa nu există în API. Folosiți /estimate, /net sau /retirement.",
    405: "API-ul acceptă cereri GET și POST (parametrii ca obiect JSON).",
    413: "Corpul cererii este prea mare: cel mult 64 KiB.",
}
# Values a JSON member may hold, turned into the text a query string would have carried.
SCALARS = (str, int, float)


def decimal_string(value: Decimal) -> str:
    """Plain notation, never exponent (Decimal("0E-5") → "0.00000"), and no "-0"."""
    if value == 0:
        value = value.copy_abs()
    return format(value, "f")


@bp.route("/estimate", methods=["GET", "POST"])
def estimate():
    return _answer(
        ESTIMATE_PARAMETERS, lambda params: estimate_from_query(params).to_dict(decimal_string)
    )


@bp.route("/net", methods=["GET", "POST"])
def net():
    return _answer(NET_PARAMETERS, lambda params: net_from_query(params).to_dict(decimal_string))


@bp.route("/retirement", methods=["GET", "POST"])
def retirement():
    return _answer(RETIREMENT_PARAMETERS, lambda params: retirement_from_query(params).to_dict())


def _answer(known: Iterable[str], calculate: Callable[[dict], dict[str, Any]]) -> Response:
    posted = request.method == "POST"
    raw = request.query_string
    if not posted and len(raw) > MAX_GET_QUERY_BYTES:
        return _error(
            414,
            _largest_parameter(raw),
            f"Interogarea este prea lungă pentru o adresă: cel mult {ro.number(MAX_GET_QUERY_BYTES)} "
            "de octeți. Trimiteți aceiași parametri prin POST, ca obiect JSON "
            "(Content-Type: application/json).",
        )
    try:
        params = _checked(_posted_params() if posted else request.args.to_dict(flat=False), known)
        payload = calculate(params)
    except PensionInputError as error:
        return _error(400, error.parameter, error.message)
    response = _json(payload, 200)
    if posted:
        # Nothing to revalidate: a POST's answer is not kept by a browser anyway.
        response.headers["Cache-Control"] = "no-store"
        return response
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.add_etag()
    return response.make_conditional(request)


def _posted_params() -> dict[str, list[str]]:
    """The JSON object of the body as a parsed query string: {"income": ["2013-05:3500", …],
    "contributory_years": 36} gives {"income": [...], "contributory_years": ["36"]}."""
    body = request.get_json(silent=True) if request.is_json else None
    if not isinstance(body, dict):
        raise PensionInputError(
            None,
            "Corpul cererii trebuie să fie un obiect JSON cu parametrii ca membri "
            '(Content-Type: application/json), de exemplu {"gross": "4467", "date": "2024-10-01"}.',
        )
    params = {}
    for name, value in body.items():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(item, bool) or not isinstance(item, SCALARS) for item in values):
            if value is None:
                continue  # as an empty value: absent
            raise PensionInputError(
                str(name)[:40], "Valoarea trebuie să fie text, un număr sau o listă de texte."
            )
        params[name] = [str(item) for item in values]
    return params


def _checked(params: dict[str, list[str]], known: Iterable[str]) -> dict[str, list[str]]:
    known = set(known)
    for name in params:
        if name not in known:
            raise PensionInputError(
                name[:40],
                f"Parametru necunoscut. Parametrii acceptați: {', '.join(sorted(known))}.",
            )
    return params


def _largest_parameter(raw: bytes) -> str:
    """The name whose values take the most room, found without parsing the whole query."""
    sizes: dict[bytes, int] = {}
    for pair in raw.split(b"&"):
        name = pair.partition(b"=")[0]
        sizes[name] = sizes.get(name, 0) + len(pair) + 1
    name = max(sizes, key=sizes.__getitem__)
    return unquote_plus(name[:40].decode("latin-1"))


def _error(status: int, parameter: str | None, message: str) -> Response:
    response = _json({"error": {"parameter": parameter, "message": message}}, status)
    # An error is not worth keeping: the client corrects the query, which changes the URL.
    response.headers["Cache-Control"] = "no-store"
    return response


def _json(payload: dict[str, Any], status: int) -> Response:
    # ensure_ascii=False keeps Romanian messages readable; the body is UTF-8 either way.
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status=status, mimetype="application/json")


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    code = error.code or 500
    return _error(code, None, MESSAGES.get(code, error.description or error.name))


@bp.errorhandler(Exception)
def _unexpected_error(error: Exception) -> Response:
    current_app.logger.exception("Unhandled error in the pension API")
    return _error(500, None, "A apărut o problemă tehnică. Încercați din nou peste câteva minute.")
