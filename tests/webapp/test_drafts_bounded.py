"""What a draft keeps is bounded (F7): each value by its field, a section by its number of answers,
and the saves by a per-address rate limit, so one cookie replayed cannot fill the table."""

import datetime as dt
import json

import pytest
import time_machine
from sqlalchemy import select

from forms.account import ApplicantForm
from forms.base import UNDECLARED_MAXIMUM, field_maximum
from tests import builders
from tests.page_checks import PageClient
from webapp import create_app, drafts
from webapp.models import Draft

IDENTITY = "/cont/cerere"
COOKIE = "portal_pensii"


def drafts_stored(app) -> tuple[int, int]:
    session = app.extensions["db_sessionmaker"]()
    rows = session.scalars(select(Draft.answers)).all()
    session.close()
    return len(rows), sum(len(json.dumps(answers)) for answers in rows)


@pytest.fixture
def limited_app(app, migrated):
    # (`app` is there for its teardown, which empties the shared test database.)
    # The real DRAFT_SAVE_RATE_LIMIT of Config.
    return create_app({"ENV_NAME": "testing", "DATABASE_URL": migrated, "RATELIMIT_ENABLED": True})


def test_one_cookie_replayed_300_times_makes_at_most_the_limits_drafts(limited_app):
    """The F7 reproduction: a cookie taken before the first save, posted again and again."""
    client = limited_app.test_client()
    token = PageClient(client).csrf_token(IDENTITY)
    cookie = client.get_cookie(COOKIE).value
    long_answer = "Z" * 6000
    statuses = []
    # Within one minute (frozen), after the cookie was signed: the minute's limit, exactly.
    start = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    with time_machine.travel(start, tick=False):
        for _ in range(300):
            client.set_cookie(COOKIE, cookie)  # as curl -b sends it, never the new one
            response = client.post(
                IDENTITY,
                data={"csrf_token": token, "last_name": long_answer, "street": long_answer},
            )
            statuses.append(response.status_code)
    per_minute = int(limited_app.config["DRAFT_SAVE_RATE_LIMIT"].split(" per minute")[0])
    rows, size = drafts_stored(limited_app)
    assert statuses.count(200) == rows == per_minute == 60
    assert statuses.count(429) == 300 - per_minute
    # And each row holds the field's 50 characters, not 6,000 (nor the unknown "street").
    assert size < rows * 1000


def test_a_10000_character_answer_is_refused_and_kept_only_to_its_fields_length(client_request):
    token = client_request.csrf_token(IDENTITY)
    response = client_request.post(
        IDENTITY,
        data=builders.identity(last_name="Z" * 10_000) | {"csrf_token": token},
        expected_status=200,
    )
    assert "poate avea cel mult 50 de caractere" in response.get_data(as_text=True)
    session = client_request.client.application.extensions["db_sessionmaker"]()
    (answers,) = session.scalars(select(Draft.answers)).all()
    session.close()
    (section,) = [values for values in answers.values() if "last_name" in values]
    with client_request.client.application.test_request_context():
        maximum = field_maximum(ApplicantForm(meta={"csrf": False}).last_name)
    assert maximum == 50
    assert section["last_name"] == "Z" * maximum
    assert len(json.dumps(answers)) < 2000


def test_values_are_cut_to_their_fields_and_unknown_ones_to_the_general_bound():
    values = {"last_name": "A" * 80, "sex": "F" * 500, "other": "x" * 5000, "n": 3}
    kept = drafts.bounded(values, {"last_name": 50, "sex": 1})
    assert kept == {"last_name": "A" * 50, "sex": "F", "other": "x" * UNDECLARED_MAXIMUM, "n": 3}
    # Written by the code (no form): only the general bound.
    assert drafts.bounded({"text": "t" * 20_000}, None) == {"text": "t" * drafts.VALUE_MAXIMUM}


def test_a_section_keeps_at_most_keys_maximum_answers():
    values = {f"k{i}": "v" for i in range(drafts.KEYS_MAXIMUM + 500)}
    assert len(drafts.bounded(values, None)) == drafts.KEYS_MAXIMUM


def test_the_largest_page_fits_within_the_bound_on_answers(app):
    from forms.account import ROWS_READ, LegalPersonForm, NaturalPersonForm

    with app.test_request_context():
        per_row = len(NaturalPersonForm()._fields) + len(LegalPersonForm()._fields)
    assert ROWS_READ * per_row <= drafts.KEYS_MAXIMUM
