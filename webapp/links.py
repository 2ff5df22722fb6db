"""Absolute links for what leaves a request (emails, calendar files): always from the
configured PUBLIC_BASE_URL, never from the request's Host or X-Forwarded-Host (F1).

Built with the app's URL map alone, so the email worker, outside any request, builds the same
links as a view does.
"""

from urllib.parse import urlsplit

from flask import current_app
from werkzeug.routing import MapAdapter


def public_url(endpoint: str, **values) -> str:
    return public_adapter().build(endpoint, values, force_external=True)


def public_adapter() -> MapAdapter:
    """The URL map bound to the public address, not to any request."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    return current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme
    )


def public_host() -> str:
    """The public host name, for identifiers such as a calendar event's UID."""
    return urlsplit(current_app.config["PUBLIC_BASE_URL"]).hostname or "localhost"
