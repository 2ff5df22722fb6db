"""The counter's queue read in two parts (webapp/counter/queries.py queue_page): the own county's
requests, then the other counties', each in submission order, paged across the boundary between
them, and a count that stops at QUEUE_COUNT_LIMIT instead of counting a million rows."""

import datetime as dt

from sqlalchemy import update

from tests.builders import add_request, as_staff
from webapp.counter import queries
from webapp.counter import views as counter_views
from webapp.models import AccountRequest

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def add(app, offices: list[str]) -> list[str]:
    """One request per office, an hour apart in this order; their references."""
    return [
        add_request(app, index, office, when=START + dt.timedelta(hours=index))
        for index, office in enumerate(offices, start=1)
    ]


def references_of(page) -> list[str]:
    return [a.get_text() for a in page.select("table tbody a")]


def walk(client, first_url: str) -> tuple[list[str], list]:
    """Every reference from the first page to the last, following the "next" links."""
    seen, pages, url = [], [], first_url
    while url:
        page = client.get_page(url)
        pages.append(page)
        seen += references_of(page)
        link = page.find("a", rel="next")
        url = link["href"] if link else None
    return seen, pages


def test_the_own_county_comes_first_across_the_pages(app, monkeypatch):
    monkeypatch.setattr(counter_views, "QUEUE_PAGE_SIZE", 2)
    client, _ = as_staff(app, county="IS")
    refs = add(app, ["CJ", "IS", "B", "IS", "IS", "AB", "CJ"])
    own, others = [refs[1], refs[3], refs[4]], [refs[0], refs[2], refs[5], refs[6]]
    seen, pages = walk(client, "/ghiseu/")
    assert seen == own + others  # oldest first within each part; page 2 holds both parts
    assert [len(references_of(page)) for page in pages] == [2, 2, 2, 1]
    assert "Pagina 4 din 4" in pages[-1].get_text(" ")
    assert "7 cereri" in pages[0].get_text(" ")


def test_decided_requests_come_newest_first_in_each_part(app, monkeypatch):
    monkeypatch.setattr(counter_views, "QUEUE_PAGE_SIZE", 2)
    client, _ = as_staff(app, county="IS")
    refs = add(app, ["IS", "CJ", "IS", "B", "CJ"])
    session = app.extensions["db_sessionmaker"]()
    session.execute(
        update(AccountRequest)
        .where(AccountRequest.reference != refs[3])
        .values(status="rejected", rejection_reason="test")
    )
    session.commit()
    session.close()
    rejected, _ = walk(client, "/ghiseu/?stare=rejected")
    assert rejected == [refs[2], refs[0], refs[4], refs[1]]
    everything, _ = walk(client, "/ghiseu/?stare=toate")
    assert everything == [refs[2], refs[0], refs[4], refs[3], refs[1]]


def test_the_count_stops_at_the_limit(app, monkeypatch):
    monkeypatch.setattr(counter_views, "QUEUE_PAGE_SIZE", 2)
    monkeypatch.setattr(queries, "QUEUE_COUNT_LIMIT", 3)
    client, _ = as_staff(app, county="CJ")
    refs = add(app, ["CJ", "B", "CJ", "B", "CJ"])
    first = client.get_page("/ghiseu/")
    text = first.get_text(" ")
    assert "peste 3 cereri, dintre care 3 la Casa Județeană de Pensii Cluj" in text
    assert "5 cereri" not in text
    assert "Pagina 1" in text and "Pagina 1 din" not in text
    # Pages stop where the count stops: 3 requests make 2 pages of 2.
    seen, pages = walk(client, "/ghiseu/")
    assert seen == [refs[0], refs[2], refs[4], refs[1]]
    assert len(pages) == 2
    past_the_end = client.get_page("/ghiseu/?pagina=9")
    assert references_of(past_the_end) == [refs[4], refs[1]]


def test_past_the_limit_the_own_county_count_is_said_when_it_is_exact(app, monkeypatch):
    monkeypatch.setattr(queries, "QUEUE_COUNT_LIMIT", 2)
    client, _ = as_staff(app, county="IS")
    add(app, ["CJ", "B", "CJ", "CJ"])
    assert "peste 2 cereri, dintre care niciuna la " in client.get_page("/ghiseu/").get_text(" ")
    more, _ = as_staff(app, county="CJ", email="alt@cjpcluj.ro")
    text = more.get_page("/ghiseu/").get_text(" ")
    # The own county has more than the limit too: no figure for it.
    assert "peste 2 cereri." in text and "dintre care" not in text


def test_an_exact_count_at_the_limit_is_shown(app, monkeypatch):
    monkeypatch.setattr(queries, "QUEUE_COUNT_LIMIT", 3)
    client, _ = as_staff(app, county="CJ")
    add(app, ["CJ", "B", "CJ"])
    text = client.get_page("/ghiseu/").get_text(" ")
    assert "3 cereri" in text and "peste" not in text


def test_the_default_views_index_holds_exactly_the_open_statuses():
    from domain.account_requests import OPEN_STATUSES
    from webapp.models import AccountRequest as Model

    index = next(i for i in Model.__table__.indexes if i.name == "ix_account_requests_open_queue")
    predicate = str(index.dialect_options["postgresql"]["where"])
    assert predicate == "status IN (" + ", ".join(f"'{s}'" for s in OPEN_STATUSES) + ")"
    assert str(index.dialect_options["sqlite"]["where"]) == predicate
