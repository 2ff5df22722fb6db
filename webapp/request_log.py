"""One log line and the metrics of every request, and its request id.

The request id comes from the X-Request-ID header only when a proxy we trust relayed the
request (nginx sends its $request_id) and the value looks like an id (8-64 letters, digits and
dashes); otherwise it is made here. It is returned in the X-Request-ID response header and is
the correlation id of everything logged or queued while the request is served
(webapp/logging_setup.py).

The line names the URL rule (/cont/activare/<token>) and the endpoint, never the path as sent
nor the query string: both can hold a CNP, a reference or a token.
"""

import logging
import re
import secrets
import time

from flask import Flask, Response, request

from webapp import metrics
from webapp.logging_setup import correlated

HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"[A-Za-z0-9-]{8,64}")
_STARTED = "portal.started"
_ID = "portal.correlation_id"
# Set by werkzeug's ProxyFix, which webapp.proxies.TrustedProxyFix applies only to a trusted peer.
_RELAYED_BY_TRUSTED_PROXY = "werkzeug.proxy_fix.orig"

log = logging.getLogger("webapp.request")


def request_id_for(environ) -> str:
    given = environ.get("HTTP_X_REQUEST_ID", "")
    if _RELAYED_BY_TRUSTED_PROXY in environ and _SANE_ID.fullmatch(given):
        return given
    return secrets.token_hex(16)


class RequestTracer:
    """WSGI wrapper inside the proxy fix: starts the clock, chooses the request id, binds it for
    the request and adds the response header (to every response, error pages included)."""

    def __init__(self, wsgi_app):
        self.app = wsgi_app

    def __call__(self, environ, start_response):
        environ[_STARTED] = time.perf_counter()
        correlation_id = environ[_ID] = request_id_for(environ)

        def start_with_id(status, headers, exc_info=None):
            headers.append((HEADER, correlation_id))
            return start_response(status, headers, exc_info)

        with correlated(correlation_id):
            return self.app(environ, start_with_id)


def _observe(response: Response) -> Response:
    environ = request.environ
    started = environ.get(_STARTED)
    seconds = time.perf_counter() - started if started is not None else 0.0
    rule = request.url_rule
    endpoint = rule.endpoint if rule is not None else None
    status = response.status_code
    # Named methods only: the method is the client's text, like the path.
    method = request.method if request.method in metrics.METHODS else "other"
    metrics.observe_request(endpoint, method, status, seconds)
    if log.isEnabledFor(logging.INFO):
        route = rule.rule if rule is not None else None
        log.info(
            "%s %s %s %.1f ms",
            method,
            route or "(no route)",
            status,
            seconds * 1000,
            extra={
                "method": method,
                "route": route,
                "endpoint": endpoint,
                "status": status,
                "duration_ms": round(seconds * 1000, 1),
            },
        )
    return response


def init_app(app: Flask) -> None:
    """Before the proxy fix wraps the app, and before the other extensions' hooks: after_request
    functions run last-registered first, so this one sees the final response."""
    app.wsgi_app = RequestTracer(app.wsgi_app)
    app.after_request(_observe)
