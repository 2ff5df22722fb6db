"""Drafts survive closing the browser (M3): once a journey keeps answers, the session cookie has
an expiry (Expires) of DRAFT_MAX_AGE_DAYS, in every journey; before that it is a plain session
cookie."""

import datetime as dt
from email.utils import parsedate_to_datetime

import pytest

from tests.page_checks import PageClient
from webapp import create_app

# The first question page of each journey, and one answer typed on it (the rest left empty:
# what is typed is kept, valid or not).
FIRST_PAGES = {
    "account": "/cont/cerere",
    "payment": "/plata-card/cerere",
    "life_certificate": "/certificat-de-viata/date",
}


def session_cookie(response) -> dict[str, str] | None:
    for header in response.headers.getlist("Set-Cookie"):
        name, _, rest = header.partition("=")
        if name == "portal_pensii":
            attributes = {}
            for part in rest.split(";")[1:]:
                key, _, value = part.strip().partition("=")
                attributes[key.lower()] = value
            return attributes
    return None


def lifetime(cookie: dict[str, str]) -> dt.timedelta:
    """What is left of the cookie's life (Flask sets Expires), to the minute."""
    left = parsedate_to_datetime(cookie["expires"]) - dt.datetime.now(dt.UTC)
    return dt.timedelta(minutes=round(left.total_seconds() / 60))


def type_one_answer(client: PageClient, path: str):
    token = client.csrf_token(path)
    return client.post(path, data={"csrf_token": token, "last_name": "Țărănescu"})


@pytest.mark.parametrize("journey", sorted(FIRST_PAGES))
def test_a_draft_makes_the_cookie_outlive_the_browser_for_seven_days(client_request, journey):
    path = FIRST_PAGES[journey]
    before = session_cookie(client_request.get(path))
    # Only the form's token so far: nothing to keep, so nothing kept past the browser.
    assert before is not None and "expires" not in before and "max-age" not in before

    response = type_one_answer(client_request, path)
    cookie = session_cookie(response)
    assert cookie is not None, response.headers
    assert lifetime(cookie) == dt.timedelta(days=7)

    # The next page keeps it persistent (and pushes the expiry on).
    again = session_cookie(client_request.get(path))
    assert again is not None and lifetime(again) == dt.timedelta(days=7)


def test_the_cookie_follows_the_drafts_configured_lifetime(migrated):
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": migrated, "DRAFT_MAX_AGE_DAYS": 3})
    client = PageClient(app.test_client())
    cookie = session_cookie(type_one_answer(client, FIRST_PAGES["payment"]))
    assert lifetime(cookie) == dt.timedelta(days=3)


def test_the_submitted_requests_list_is_kept_across_restarts_too(client_request):
    from tests.builders import submit_request

    response = submit_request(client_request)
    cookie = session_cookie(response)
    assert cookie is not None and lifetime(cookie) == dt.timedelta(days=7)
