"""M14: the account request asks one thing per page, then the persons and check answers; the
birth date and sex come from the CNP unless it cannot tell them."""

import pytest
from sqlalchemy import select

from tests import builders
from tests.builders import IDENTITY_PAGES, fill_identity, submit_request
from tests.page_checks import soup
from webapp.models import AccountRequest

# Each page before the persons page, with its address, title and a question that it asks.
PAGES = [
    ("/cont/cerere", "Datele dumneavoastră", "last_name"),
    ("/cont/cerere/act-de-identitate", "Actul de identitate", "id_number"),
    ("/cont/cerere/adresa", "Adresa de domiciliu", "street"),
    ("/cont/cerere/contact", "Datele de contact", "email"),
    ("/cont/cerere/casa-de-pensii", "Unde prezentați cererea", "office_code"),
]
ALL_PAGES = [
    *(url for url, _, _ in PAGES),
    "/cont/cerere/persoane",
    "/cont/cerere/verificare",
]


def answer_pages_up_to(client_request, url):
    """Answers every page before `url`."""
    data = builders.identity()
    for endpoint, (page_url, _, _) in zip(IDENTITY_PAGES, PAGES, strict=True):
        if page_url == url:
            return
        token = client_request.csrf_token(endpoint)
        client_request.post(endpoint, data=data | {"csrf_token": token}, expected_status=303)


def test_the_pages_come_in_order_each_with_its_step_number_and_back_link(client_request):
    data = builders.identity()
    back = "/cont/"
    for number, (url, title, question) in enumerate(PAGES, start=1):
        page = client_request.get_page(url)
        assert page.h1.get_text() == title
        assert page.select_one(".caption").get_text().endswith(f"Pasul {number} din 7")
        assert page.find("a", class_="back-link")["href"] == back
        form = page.find("form", attrs={"method": "post"})
        assert form["action"] == url
        assert form.find("input", attrs={"name": "csrf_token"})
        assert form.find("input", attrs={"name": "website"})
        assert page.find(attrs={"name": question})
        token = page.find("input", attrs={"name": "csrf_token"})["value"]
        response = client_request.post(url, data=data | {"csrf_token": token}, expected_status=303)
        assert response.headers["Location"] == ALL_PAGES[number]
        back = url
    persons = client_request.get_page("/cont/cerere/persoane")
    assert persons.select_one(".caption").get_text().endswith("Pasul 6 din 7")
    token = client_request.csrf_token("/cont/cerere/persoane")
    client_request.post(
        "/cont/cerere/persoane",
        data={"csrf_token": token, "action": "continue"},
        expected_status=303,
    )
    check = client_request.get_page("/cont/cerere/verificare")
    assert check.select_one(".caption").get_text().endswith("Pasul 7 din 7")


@pytest.mark.parametrize(("url", "title", "question"), PAGES)
def test_each_page_asks_only_its_own_questions(client_request, url, title, question):
    answer_pages_up_to(client_request, url)
    page = client_request.get_page(url)
    asked = {tag["name"] for tag in page.select("form input, form select") if tag.get("name")}
    asked -= {"csrf_token", "website"}
    others = {q for _, _, q in PAGES if q != question}
    assert question in asked and not asked & others


@pytest.mark.parametrize(("url", "title", "question"), PAGES)
def test_each_page_rerenders_invalid_with_200_and_the_summary(client_request, url, title, question):
    answer_pages_up_to(client_request, url)
    token = client_request.csrf_token(url)
    data = builders.identity(**{question: ""}) | {"csrf_token": token}
    response = client_request.post(url, data=data, expected_status=200)
    page = soup(response)
    assert page.title.get_text().startswith("Eroare: ")
    assert f"#{question}" in [a["href"] for a in page.select(".error-summary a")]
    assert page.h1.get_text() == title


@pytest.mark.parametrize("url", [url for url, _, _ in PAGES[1:]])
def test_a_page_opened_before_the_ones_before_it_sends_back_to_the_first_unanswered(
    client_request, url
):
    response = client_request.get(url, expected_status=302)
    assert response.headers["Location"] == "/cont/cerere?verificare=1"


def test_the_privacy_note_is_on_the_first_page_only(client_request):
    assert client_request.get_page("/cont/cerere").select(".privacy-note")
    answer_pages_up_to(client_request, "/cont/cerere/casa-de-pensii")
    for url, _, _ in PAGES[1:]:
        assert not client_request.get_page(url).select(".privacy-note"), url


def first_page_after_posting(client_request, cnp, **overrides):
    token = client_request.csrf_token("/cont/cerere")
    data = builders.identity(**({"cnp": cnp, "birth_date": "", "sex": ""} | overrides))
    return client_request.post("/cont/cerere", data=data | {"csrf_token": token})


@pytest.mark.parametrize("cnp", [builders.APPLICANT_CNP, "1580514123455", "6050514123458"])
def test_a_romanians_cnp_asks_neither_birth_date_nor_sex(client_request, cnp):
    page = client_request.get_page("/cont/cerere")
    assert not page.find(attrs={"name": "birth_date"}) and not page.find(attrs={"name": "sex"})
    assert first_page_after_posting(client_request, cnp).status_code == 303


@pytest.mark.parametrize("cnp", [builders.RESIDENT_MAN_CNP, builders.RESIDENT_WOMAN_CNP])
def test_a_residents_cnp_asks_the_birth_date_only(client_request, cnp):
    response = first_page_after_posting(client_request, cnp)
    assert response.status_code == 200
    page = soup(response)
    assert [a["href"] for a in page.select(".error-summary a")] == ["#birth_date"]
    assert page.find("input", attrs={"name": "birth_date"})
    assert not page.find(attrs={"name": "sex"})
    assert "nu arată anul nașterii" in page.get_text()
    # The page opened again shows the question it now asks.
    assert client_request.get_page("/cont/cerere").find("input", attrs={"name": "birth_date"})
    response = first_page_after_posting(client_request, cnp, birth_date="14.05.1958")
    assert response.status_code == 303


def test_a_foreigners_cnp_asks_birth_date_and_sex(client_request):
    response = first_page_after_posting(client_request, builders.FOREIGN_CNP)
    assert response.status_code == 200
    page = soup(response)
    assert [a["href"] for a in page.select(".error-summary a")] == ["#birth_date", "#sex-0"]
    assert page.find("input", attrs={"name": "birth_date"})
    assert page.find("input", attrs={"name": "sex"})
    response = first_page_after_posting(
        client_request, builders.FOREIGN_CNP, birth_date="14.05.1958", sex="M"
    )
    assert response.status_code == 303


def stored_answers(app) -> dict:
    session = app.extensions["db_sessionmaker"]()
    answers = session.execute(select(AccountRequest.answers)).scalar_one()
    session.close()
    return answers


@pytest.mark.parametrize(
    ("cnp", "sent", "kept"),
    [
        (builders.APPLICANT_CNP, {"birth_date": "", "sex": ""}, ("1958-05-14", "F")),
        ("1580514123455", {"birth_date": "01.01.2000", "sex": "F"}, ("1958-05-14", "M")),
        (builders.RESIDENT_MAN_CNP, {"birth_date": "14.05.1958", "sex": "F"}, ("1958-05-14", "M")),
        (builders.FOREIGN_CNP, {"birth_date": "14.05.1958", "sex": "M"}, ("1958-05-14", "M")),
    ],
)
def test_the_stored_request_keeps_birth_date_and_sex(client_request, app, cnp, sent, kept):
    """Derived from the CNP where not asked, whatever a tampered form sends; as typed where asked."""
    assert submit_request(client_request, cnp=cnp, **sent).status_code == 303
    answers = stored_answers(app)
    assert (answers["birth_date"], answers["sex"]) == kept


def ready_to_check(client_request, **overrides):
    assert fill_identity(client_request, **overrides).status_code == 303
    token = client_request.csrf_token("/cont/cerere/persoane")
    client_request.post(
        "/cont/cerere/persoane",
        data={"csrf_token": token, "action": "continue"},
        expected_status=303,
    )
    return client_request.get_page("/cont/cerere/verificare")


def test_check_answers_cards_are_titled_as_their_pages(client_request):
    check = ready_to_check(client_request)
    titles = [
        card.find(["h2", "h3"]).get_text(strip=True) for card in check.select(".summary-card")
    ]
    assert titles[:5] == [title for _, title, _ in PAGES]


CHANGES = [
    ("last_name", "/cont/cerere", "Popescu"),
    ("first_name", "/cont/cerere", "Ioana"),
    ("cnp", "/cont/cerere", "2580514123457"),
    ("id_type", "/cont/cerere/act-de-identitate", "CI"),
    ("id_series", "/cont/cerere/act-de-identitate", "RX"),
    ("id_number", "/cont/cerere/act-de-identitate", "654321"),
    ("id_issuer", "/cont/cerere/act-de-identitate", "SPCLEP Turda"),
    ("id_issued_on", "/cont/cerere/act-de-identitate", "03.04.2016"),
    ("county_code", "/cont/cerere/adresa", "AB"),
    ("locality", "/cont/cerere/adresa", "Turda"),
    ("street", "/cont/cerere/adresa", "Strada Horea"),
    ("street_number", "/cont/cerere/adresa", "7"),
    ("postal_code", "/cont/cerere/adresa", "401001"),
    ("phone", "/cont/cerere/contact", "0744 555 666"),
    ("email", "/cont/cerere/contact", "ana.noua@example.ro"),
    ("office_code", "/cont/cerere/casa-de-pensii", "AB"),
]


@pytest.mark.parametrize(("name", "url", "value"), CHANGES)
def test_each_answers_change_link_opens_its_page_and_returns_to_check_answers(
    client_request, name, url, value
):
    check = ready_to_check(client_request)
    link = check.find("a", href=f"{url}?schimbare={name}")
    assert link is not None, name
    page = client_request.get_page(link["href"])
    assert page.find(attrs={"name": name}).has_attr("autofocus") or page.find(
        id=f"{name}-0", autofocus=True
    )
    assert page.find("a", class_="back-link")["href"] == "/cont/cerere/verificare"
    token = page.find("input", attrs={"name": "csrf_token"})["value"]
    changed = {name: value} | ({"email_confirm": value} if name == "email" else {})
    data = builders.identity(**changed) | {"csrf_token": token}
    response = client_request.post(link["href"], data=data, expected_status=303)
    assert response.headers["Location"] == "/cont/cerere/verificare"


def test_a_birth_date_and_sex_read_from_the_cnp_change_through_the_cnp(client_request):
    check = ready_to_check(client_request)
    rows = {row.dt.get_text(strip=True): row for row in check.select(".summary-row")}
    for question in ("Data nașterii", "Sexul"):
        assert (
            rows[question].select_one(".summary-action a")["href"] == "/cont/cerere?schimbare=cnp"
        ), question


def test_a_birth_date_asked_changes_on_the_first_page(client_request):
    check = ready_to_check(client_request, cnp=builders.FOREIGN_CNP)
    assert check.find("a", href="/cont/cerere?schimbare=birth_date")
    assert check.find("a", href="/cont/cerere?schimbare=sex")
    page = client_request.get_page("/cont/cerere?schimbare=birth_date")
    assert page.find("input", attrs={"name": "birth_date"}).has_attr("autofocus")
