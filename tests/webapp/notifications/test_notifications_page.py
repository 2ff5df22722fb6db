"""The account's notifications (/contul-meu/notificari): newest first a page at a time, the
unread count in the header of every signed-in citizen page (and nowhere else), marking one or
all read with htmx and without JavaScript."""

import datetime as dt

from sqlalchemy import inspect, text

from tests.builders import active_account, make_staff, sign_in_session, signed_in, stored
from tests.page_checks import PageClient, soup
from webapp.models import Notification
from webapp.notifications.queries import PAGE_SIZE, unread_query

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def add_notifications(app, account, count, read=()):
    """`count` notifications an hour apart, the first oldest; indexes in `read` are read."""
    session = app.extensions["db_sessionmaker"]()
    ids = []
    for index in range(count):
        at = START + dt.timedelta(hours=index)
        row = Notification(
            account_id=account.id,
            kind="report_ready",
            text=f"Notificarea numărul {index}",
            created_at=at,
            read_at=at if index in read else None,
            path="/contul-meu/rapoarte/",
        )
        session.add(row)
        session.flush()
        ids.append(row.id)
    session.commit()
    session.close()
    return ids


def citizen_client(app, index=1):
    account = active_account(app, index=index)
    client = PageClient(app.test_client())
    sign_in_session(app, client, account)
    return client, account


def header_count(page):
    link = page.find(id="antet-notificari")
    assert link is not None
    badge = link.find(class_="count-badge")
    return None if badge is None else badge.get_text(" ", strip=True)


def texts(page):
    return [
        li.find(class_="notification-text").get_text(strip=True)
        for li in page.select("li.notification")
    ]


def test_the_list_is_newest_first_a_page_at_a_time(app):
    client, account = citizen_client(app)
    add_notifications(app, account, PAGE_SIZE + 3)
    page = client.get_page("notifications.index")
    assert texts(page)[:3] == [
        f"Notificarea numărul {PAGE_SIZE + 2}",
        f"Notificarea numărul {PAGE_SIZE + 1}",
        f"Notificarea numărul {PAGE_SIZE}",
    ]
    assert len(texts(page)) == PAGE_SIZE
    following = page.find("a", rel="next")
    second = client.get_page(following["href"])
    assert texts(second) == [
        "Notificarea numărul 2",
        "Notificarea numărul 1",
        "Notificarea numărul 0",
    ]
    # Each item points where its event is.
    assert second.find("a", string="Notificarea numărul 0")["href"] == "/contul-meu/rapoarte/"


def test_unread_items_say_so_in_words_and_read_ones_do_not(app):
    client, account = citizen_client(app)
    add_notifications(app, account, 2, read={0})
    items = client.get_page("notifications.index").select("li.notification")
    assert "Necitită" in items[0].get_text() and "notification--unread" in items[0]["class"]
    assert "Necitită" not in items[1].get_text()
    assert items[1].find("button") is None


def test_the_unread_count_is_in_the_header_of_every_signed_in_citizen_page(app):
    client, account = citizen_client(app)
    add_notifications(app, account, 3, read={1})
    for url in ("/contul-meu/", "/contul-meu/rapoarte/", "/contul-meu/notificari/", "/"):
        page = client.get_page(url)
        assert header_count(page) == "2 necitite", url
        assert page.find("nav", class_="header-account").find("a", string="Contul meu")


def test_one_unread_is_singular_and_none_shows_no_badge(app):
    client, account = citizen_client(app)
    assert header_count(client.get_page("/contul-meu/")) is None
    add_notifications(app, account, 1)
    assert header_count(client.get_page("/contul-meu/")) == "1 necitită"


def test_no_count_and_no_account_link_when_signed_out_or_for_staff(app):
    account = active_account(app)
    add_notifications(app, account, 2)
    anonymous = PageClient(app.test_client())
    for url in ("/", "/autentificare"):
        page = anonymous.get_page(url)
        # The header offers signing in (M16), never the account's links.
        assert page.find(id="antet-notificari") is None
        assert page.find(class_="header-account").find("a", href="/contul-meu/") is None
    session = app.extensions["db_sessionmaker"]()
    member = make_staff(session, email="altcineva@cjp.ro")
    session.close()
    staff = signed_in(app, member)
    assert staff.get_page("/ghiseu/").find(id="antet-notificari") is None


def test_the_list_is_for_signed_in_citizens_only(app):
    anonymous = PageClient(app.test_client())
    response = anonymous.get("notifications.index", expected_status=302)
    assert "/autentificare" in response.headers["Location"]


def unread_ids(app, account):
    return {
        n.id
        for n in stored(app, Notification, Notification.account_id == account.id)
        if n.read_at is None
    }


def test_marking_one_read_without_javascript_redirects_back_to_the_same_page(app):
    client, account = citizen_client(app)
    ids = add_notifications(app, account, PAGE_SIZE + 2)
    page = client.get_page("notifications.index", pagina="2")
    form = page.find("form", action=f"/contul-meu/notificari/{ids[0]}/citita")
    data = {i["name"]: i["value"] for i in form.find_all("input")}
    response = client.post(form["action"], data=data, expected_status=303)
    assert response.headers["Location"] == "/contul-meu/notificari/?pagina=2"
    assert ids[0] not in unread_ids(app, account) and len(unread_ids(app, account)) == PAGE_SIZE + 1
    after = client.get_page(response.headers["Location"])
    assert header_count(after) == f"{PAGE_SIZE + 1} necitite"


def test_marking_one_read_with_htmx_replaces_the_list_and_the_header_count(app):
    client, account = citizen_client(app)
    ids = add_notifications(app, account, 3)
    page = client.get_page("notifications.index")
    form = page.find("form", action=f"/contul-meu/notificari/{ids[1]}/citita")
    assert form["hx-post"] == form["action"] and form["method"] == "post"
    assert form["hx-target"] == "#lista-notificari"
    data = {i["name"]: i["value"] for i in form.find_all("input")}
    response = client.post(
        form["action"], data=data, headers={"HX-Request": "true"}, expected_status=200
    )
    fragment = soup(response)
    assert fragment.find("h1") is None
    assert fragment.find(id="lista-notificari") is not None
    oob = fragment.find(id="antet-notificari")
    assert oob["hx-swap-oob"] == "true" and header_count(fragment) == "2 necitite"
    assert unread_ids(app, account) == {ids[0], ids[2]}


def test_marking_all_read_with_and_without_javascript(app):
    client, account = citizen_client(app)
    add_notifications(app, account, 3)
    page = client.get_page("notifications.index")
    form = page.find("form", action="/contul-meu/notificari/citite")
    data = {i["name"]: i["value"] for i in form.find_all("input")}
    client.post(form["action"], data=data, expected_status=303)
    assert unread_ids(app, account) == set()
    after = client.get_page("notifications.index")
    assert header_count(after) is None and "Nicio notificare necitită" in after.get_text()
    assert after.find("form", action="/contul-meu/notificari/citite") is None
    add_notifications(app, account, 1)
    token = client.csrf_token("notifications.index")
    response = client.post(
        "notifications.mark_all_read", data={"csrf_token": token}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and header_count(soup(response)) is None
    assert unread_ids(app, account) == set()


def test_another_account_s_notification_cannot_be_marked(app):
    _, owner_account = citizen_client(app, index=1)
    (theirs,) = add_notifications(app, owner_account, 1)
    other, _ = citizen_client(app, index=2)
    token = other.csrf_token("notifications.preferences")
    other.post(
        "notifications.mark_read",
        notification_id=theirs,
        data={"csrf_token": token},
        expected_status=404,
    )
    assert unread_ids(app, owner_account) == {theirs}
    assert "Notificarea numărul 0" not in other.get_page("notifications.index").get_text()


def test_marking_without_the_csrf_token_is_refused(app):
    client, account = citizen_client(app)
    (one,) = add_notifications(app, account, 1)
    client.post("notifications.mark_read", notification_id=one, data={}, expected_status=400)
    assert unread_ids(app, account) == {one}


def test_the_count_query_is_answered_from_the_unread_index(app):
    engine = app.extensions["db_engine"]
    if engine.dialect.name != "sqlite":
        names = {index["name"] for index in inspect(engine).get_indexes("notifications")}
        assert "ix_notifications_unread" in names
        return
    query = unread_query(1).compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as connection:
        plan = " ".join(str(row) for row in connection.execute(text(f"EXPLAIN QUERY PLAN {query}")))
    # A covering index search: the rows themselves are never read.
    assert "USING COVERING INDEX ix_notifications_unread" in plan, plan
