"""JSON API of the pension estimate: ``/api/v1/pension/estimate``, ``/net``,
``/retirement``, all GET, all answered by the pure rules in ``domain.pension``.

Numbers: every amount, score, percent and line value is a JSON *string* holding the exact decimal
with a dot (``"3017.25000"``, ``"-200.697"``), never a JSON number: the rules compute in Decimal,
and a float would change the digits that make the lines add up. Counts (years, months, days,
children, months of anticipation) are JSON integers; dates are ``YYYY-MM-DD`` strings.

``/estimate`` answers every pension kind (``kind``: ``varsta``, ``invaliditate``, ``urmas``,
``in_plata``) with the same fields and lines; the kind's own details are in ``companion_allowance``,
``survivors`` and ``in_payment`` (null for the other kinds).

Bad input is a 400 with ``{"error": {"parameter": ..., "message": ...}}`` (message in Romanian):
a bad value, a parameter the endpoint does not know (a typo would otherwise be ignored and give
a wrong estimate), or a query string over ``MAX_QUERY_BYTES``. Results depend only on the query
and the rule data shipped with the code, so the asker's browser may keep them for an hour; shared
caches may not, as the query carries personal data. The OpenAPI description is webapp/pension/openapi.py.
"""

import json
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any
from urllib.parse import unquote_plus

from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import HTTPException

from domain.pension import (
    ESTIMATE_PARAMETERS,
    NET_PARAMETERS,
    RETIREMENT_PARAMETERS,
    PensionInputError,
    estimate_from_query,
    net_from_query,
    retirement_from_query,
)

bp = Blueprint("pension_api", __name__, url_prefix="/api/v1/pension")

# The same bound as a request body (Config.MAX_CONTENT_LENGTH); the rules package caps the
# number of income entries itself, this only stops a query Werkzeug would spend time parsing.
MAX_QUERY_BYTES = 64 * 1024
# The query carries personal data (birth date, sex, incomes): only the asker's own browser
# may keep the answer (F10), for an hour, so a corrected rule value reaches it soon.
CACHE_CONTROL = "private, max-age=3600"
MESSAGES = {
    404: "Adresa nu există în API. Folosiți /estimate, /net sau /retirement.",
    405: "API-ul acceptă doar cereri GET.",
}


def decimal_string(value: Decimal) -> str:
    """Plain notation, never exponent (Decimal("0E-5") → "0.00000"), and no "-0"."""
    if value == 0:
        value = value.copy_abs()
    return format(value, "f")


@bp.get("/estimate")
def estimate():
    return _answer(
        ESTIMATE_PARAMETERS, lambda params: estimate_from_query(params).to_dict(decimal_string)
    )


@bp.get("/net")
def net():
    return _answer(NET_PARAMETERS, lambda params: net_from_query(params).to_dict(decimal_string))


@bp.get("/retirement")
def retirement():
    return _answer(RETIREMENT_PARAMETERS, lambda params: retirement_from_query(params).to_dict())


def _answer(known: Iterable[str], calculate: Callable[[dict], dict[str, Any]]) -> Response:
    try:
        params = _checked_query(set(known))
        payload = calculate(params)
    except PensionInputError as error:
        return _error(400, error.parameter, error.message)
    response = _json(payload, 200)
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.add_etag()
    return response.make_conditional(request)


def _checked_query(known: set[str]) -> dict[str, list[str]]:
    raw = request.query_string
    if len(raw) > MAX_QUERY_BYTES:
        raise PensionInputError(
            _largest_parameter(raw),
            f"Cererea este prea lungă: adresa poate avea cel mult {MAX_QUERY_BYTES // 1024} KiB.",
        )
    params = request.args.to_dict(flat=False)
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
