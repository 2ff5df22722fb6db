"""Security headers on every response (the CSP allows no inline script or style), and no path
part with a NUL byte reaching a view."""

from flask import Flask, Response, abort, current_app

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # data: for the QR code of the print view (an inline SVG needs nothing).
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


# Set on every response unless the view set its own.
HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
_HEADER_KEYS = tuple((name.lower(), name, value) for name, value in HEADERS)


def init_app(app: Flask) -> None:
    app.url_value_preprocessor(_refuse_nul)
    app.after_request(_add_headers)


def _refuse_nul(endpoint, values) -> None:
    # No reference, id or code holds a NUL, and PostgreSQL refuses one in a text parameter:
    # without this, /…/fisiere/%00 would be a 500 there instead of "not found".
    if values and any(isinstance(value, str) and "\x00" in value for value in values.values()):
        abort(404)


def _add_headers(response: Response) -> Response:
    headers = response.headers
    # What the view set, read once: a setdefault per header scans them all each time.
    present = set(headers.keys(lower=True))
    headers.extend([(name, value) for key, name, value in _HEADER_KEYS if key not in present])
    if max_age := current_app.config["HSTS_MAX_AGE"]:
        # Production only (0 in development and testing, served over plain http). Sent on every
        # response, since TLS may end at the proxy; browsers ignore it over http anyway. No
        # includeSubDomains: other *.portal-pensii.ro hosts are not ours to force onto HTTPS,
        # and the __Host- session cookie already shuts sibling subdomains out.
        headers.setdefault("Strict-Transport-Security", f"max-age={max_age}")
    if response.mimetype == "text/html":
        # Pages may hold personal data: keep them out of shared caches and the back-forward cache
        # of a shared computer at the county office.
        headers.setdefault("Cache-Control", "no-store")
    return response
