"""The account request through the test client: pages, drafts, add/remove rows, submission."""

import re

import pytest
from sqlalchemy import select

from tests import builders
from tests.builders import fill_identity, submit_request
from tests.page_checks import soup
from webapp.models import AccountRequest, Draft


def test_start_page_states_the_steps_and_the_password_rule(client_request):
    page = client_request.get_page("account.start")
    text = page.get_text(" ")
    assert "72 de ore" in text
    assert "cel puțin 8 caractere" in text and "literă mare" in text and "cifră" in text
    assert page.find("a", href="/cont/cerere")


def test_whole_journey_gives_a_reference_and_downloads(client_request):
    persons = builders.natural_person(0) | builders.legal_person(0)
    response = submit_request(client_request, persons)
    assert response.status_code == 303
    confirmation = client_request.get_page(response.headers["Location"])
    reference = confirmation.find("strong", class_="reference").get_text()
    assert re.fullmatch(r"CC-\d{4}-\d{6}", reference)
    links = [a["href"] for a in confirmation.find_all("a", href=True)]
    assert f"/cont/cerere/{reference}.pdf" in links
    assert f"/cont/cerere/{reference}.docx" in links
    text = confirmation.get_text(" ")
    assert "procura notarială, nr. 1234 din 10.01.2024" in text
    assert re.search(r"pe \d{1,2} [a-z]+ \d{4}, la ora \d\d:\d\d", text)

    pdf = client_request.get("account.download", reference=reference, extension="pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert f'filename="cerere-cont-{reference}.pdf"' in pdf.headers["Content-Disposition"]
    docx = client_request.get("account.download", reference=reference, extension="docx")
    assert docx.data.startswith(b"PK")
    assert "attachment" in docx.headers["Content-Disposition"]


def test_check_page_shows_every_section_with_a_change_link(client_request):
    fill_identity(client_request)
    account = client_request.within("account")
    token = account.csrf_token(".persons")
    account.post(
        ".persons",
        data={"csrf_token": token, "action": "continue", **builders.natural_person(0)},
    )
    page = account.get_page(".check")
    cards = page.find_all(class_="summary-card")
    assert len(cards) == 6
    for card in cards:
        change = card.find("a", href=True)
        assert change.get_text().startswith("Schimbați"), change
    text = page.get_text(" ")
    assert "Țărănescu" in text and "2580514123457" in text and "Carte de identitate" in text
    assert "valabilitate nelimitată" in text


def test_references_are_sequential_and_unique(client_request, app):
    first = submit_request(client_request).headers["Location"]
    client_request.client.delete_cookie("portal_pensii")
    second_client = type(client_request)(app.test_client())
    fill_identity(
        second_client, cnp="1800101123469", email="ion@example.ro", email_confirm="ion@example.ro"
    )
    token = second_client.csrf_token("/cont/cerere/persoane")
    second_client.post("/cont/cerere/persoane", data={"csrf_token": token, "action": "continue"})
    token = second_client.csrf_token("/cont/cerere/verificare")
    second = second_client.post("/cont/cerere/verificare", data={"csrf_token": token})
    number = lambda location: int(location.rsplit("-", 1)[1])  # noqa: E731
    assert number(second.headers["Location"]) == number(first) + 1


def reference_of(response) -> str:
    assert response.status_code == 303, response.get_data(True)[:3000]
    return response.headers["Location"].rsplit("/", 1)[1]


def test_a_second_request_for_the_same_cnp_is_accepted_and_reveals_nothing(client_request, app):
    # F11: a stranger who types a pensioner's CNP must not block the pensioner's own request,
    # and nothing online may tell that another request exists.
    first = reference_of(submit_request(client_request))
    other_browser = type(client_request)(app.test_client())
    second = reference_of(submit_request(other_browser))
    assert second != first
    confirmation = other_browser.get_page(f"/cont/cerere/trimisa/{second}")
    text = confirmation.get_text(" ")
    assert first not in text and "există deja" not in text and "în lucru" not in text
    assert "un singur cont" in text
    assert not confirmation.select(".error-summary")
    session = app.extensions["db_sessionmaker"]()
    stored = session.execute(select(AccountRequest.reference, AccountRequest.cnp)).all()
    session.close()
    assert sorted(stored) == [(first, "2580514123457"), (second, "2580514123457")]


def test_same_email_with_another_cnp_is_accepted_too(client_request, app):
    submit_request(client_request)
    other = type(client_request)(app.test_client())
    assert (
        fill_identity(other, cnp="1800101123469", birth_date="01.01.1980", sex="M").status_code
        == 303
    )
    token = other.csrf_token("/cont/cerere/persoane")
    other.post("/cont/cerere/persoane", data={"csrf_token": token, "action": "continue"})
    token = other.csrf_token("/cont/cerere/verificare")
    assert other.post("/cont/cerere/verificare", data={"csrf_token": token}).status_code == 303


def requests_stored(app) -> list[str]:
    session = app.extensions["db_sessionmaker"]()
    references = session.execute(select(AccountRequest.reference)).scalars().all()
    session.close()
    return references


def test_a_retry_after_a_lost_response_shows_the_same_confirmation(client_request, app):
    # F13 (row 106): the submission commits but its response, with the new cookie, never
    # arrives. The browser still holds the cookie from before the POST and sends it again.
    assert fill_identity(client_request).status_code == 303
    token = client_request.csrf_token("/cont/cerere/persoane")
    client_request.post("/cont/cerere/persoane", data={"csrf_token": token, "action": "continue"})
    token = client_request.csrf_token("/cont/cerere/verificare")
    before_submission = client_request.client.get_cookie("portal_pensii").value

    first = reference_of(client_request.post("/cont/cerere/verificare", data={"csrf_token": token}))
    client_request.client.set_cookie("portal_pensii", before_submission)  # the response is lost
    retried = reference_of(
        client_request.post("/cont/cerere/verificare", data={"csrf_token": token})
    )
    assert retried == first
    assert requests_stored(app) == [first]
    # The retry's response remembers the reference: the confirmation and the PDF open.
    page = client_request.get_page(f"/cont/cerere/trimisa/{first}")
    assert page.find("strong", class_="reference").get_text() == first
    assert client_request.get(f"/cont/cerere/{first}.pdf").data.startswith(b"%PDF")


def test_reopening_the_request_pages_from_the_old_cookie_leads_to_the_confirmation(
    client_request, app
):
    assert fill_identity(client_request).status_code == 303
    token = client_request.csrf_token("/cont/cerere/persoane")
    client_request.post("/cont/cerere/persoane", data={"csrf_token": token, "action": "continue"})
    token = client_request.csrf_token("/cont/cerere/verificare")
    before_submission = client_request.client.get_cookie("portal_pensii").value
    reference = reference_of(
        client_request.post("/cont/cerere/verificare", data={"csrf_token": token})
    )
    for page in ("/cont/cerere/verificare", "/cont/cerere/persoane", "/cont/cerere"):
        client_request.client.set_cookie("portal_pensii", before_submission)
        response = client_request.get(page, expected_status=303)
        assert response.headers["Location"] == f"/cont/cerere/trimisa/{reference}"
        client_request.get_page(response.headers["Location"])
    assert requests_stored(app) == [reference]


def test_after_a_submission_the_next_request_starts_empty(client_request, app):
    reference_of(submit_request(client_request))
    page = client_request.get_page("/cont/cerere")
    assert page.find("input", id="cnp").get("value", "") == ""
    # And it is a new request, not the confirmation of the last one.
    second = reference_of(submit_request(client_request))
    assert len(requests_stored(app)) == 2 and second in requests_stored(app)


def test_a_submitted_draft_keeps_no_answers(client_request, app):
    reference = reference_of(submit_request(client_request))
    session = app.extensions["db_sessionmaker"]()
    drafts = session.execute(select(Draft).where(Draft.journey == "account")).scalars().all()
    session.close()
    assert [(draft.submitted_reference, draft.answers) for draft in drafts] == [(reference, {})]


def test_invalid_identity_rerenders_with_errors_keeping_everything_typed(client_request):
    response = fill_identity(client_request, cnp="2580514123450", last_name="Ion<script>")
    assert response.status_code == 200
    page = soup(response)
    assert page.title.get_text().startswith("Eroare: ")
    summary_links = [a["href"] for a in page.select(".error-summary a")]
    assert "#last_name" in summary_links and "#cnp" in summary_links
    assert page.find("input", id="cnp")["value"] == "2580514123450"
    assert page.find("input", id="last_name")["value"] == "Ion<script>"
    assert page.find("input", id="cnp")["aria-describedby"] == "cnp-hint cnp-error"
    assert page.find("input", id="cnp")["aria-invalid"] == "true"


def test_draft_survives_going_back(client_request):
    fill_identity(client_request, locality="Florești", cnp=builders.FOREIGN_CNP, sex="F")
    page = client_request.get_page("/cont/cerere/adresa")
    assert page.find("input", id="locality")["value"] == "Florești"
    page = client_request.get_page("/cont/cerere")
    assert page.find("input", id="sex-0").has_attr("checked")


def test_persons_page_needs_the_identity_first(client_request):
    response = client_request.get("/cont/cerere/persoane", expected_status=302)
    assert "/cont/cerere?verificare=1" in response.headers["Location"]


def test_add_and_remove_rows_without_javascript_keep_what_was_typed(client_request):
    fill_identity(client_request)
    token = client_request.csrf_token("/cont/cerere/persoane")
    rows = builders.natural_person(0) | builders.natural_person(
        1, first_name="Maria", cnp="2580514123457x"
    )
    response = client_request.post(
        "/cont/cerere/persoane",
        data={"csrf_token": token, "action": "add-natural", **rows},
        expected_status=200,
    )
    page = soup(response)
    assert len(page.select("fieldset.row-card")) == 3
    assert page.find("input", id="natural_persons-1-cnp")["value"] == "2580514123457x"
    assert page.find("input", id="natural_persons-2-last_name").has_attr("autofocus")
    assert not page.select(".error-summary"), "adding a row must not show errors yet"

    response = client_request.post(
        "/cont/cerere/persoane",
        data={"csrf_token": token, "action": "remove-natural-0", **rows},
        expected_status=200,
    )
    page = soup(response)
    assert len(page.select("fieldset.row-card")) == 1
    assert page.find("input", id="natural_persons-0-first_name")["value"] == "Maria"
    # The removal was saved: reloading shows the same single row.
    page = client_request.get_page("/cont/cerere/persoane")
    assert page.find("input", id="natural_persons-0-first_name")["value"] == "Maria"


def test_add_row_with_htmx_returns_the_content_block_only(client_request):
    fill_identity(client_request)
    token = client_request.csrf_token("/cont/cerere/persoane")
    response = client_request.post(
        "/cont/cerere/persoane",
        data={"csrf_token": token, "action": "add-legal"},
        headers={"HX-Request": "true"},
        expected_status=200,
    )
    html = response.get_data(as_text=True)
    assert "<html" not in html and "legal_persons-0-name" in html
    assert html.lstrip().startswith("<title>Persoanele pe care le veți administra")
    assert "HX-Request" in response.headers["Vary"]


def test_at_most_twenty_persons(client_request):
    fill_identity(client_request)
    token = client_request.csrf_token("/cont/cerere/persoane")
    rows = {}
    for index in range(20):
        rows |= builders.legal_person(index, cui="18547290")
    response = client_request.post(
        "/cont/cerere/persoane",
        data={"csrf_token": token, "action": "add-natural", **rows},
        expected_status=200,
    )
    page = soup(response)
    assert len(page.select("fieldset.row-card")) == 20
    assert not page.find("button", value="add-natural")


def test_field_validation_on_leaving_returns_that_field_only(client_request):
    token = client_request.csrf_token("/cont/cerere")
    data = builders.identity(cnp="123") | {"csrf_token": token}
    response = client_request.post(
        "/cont/cerere",
        data=data,
        headers={"HX-Request": "true", "X-Field": "cnp"},
        expected_status=200,
    )
    assert response.headers["HX-Retarget"] == "#field-cnp"
    assert response.headers["HX-Reswap"] == "outerHTML"
    page = soup(response)
    assert page.find(id="field-cnp")
    assert "13 cifre" in page.find(id="cnp-error").get_text()
    assert not page.find(id="last_name")


def test_valid_submit_with_htmx_redirects_the_whole_page(client_request):
    token = client_request.csrf_token("/cont/cerere")
    response = client_request.post(
        "/cont/cerere",
        data=builders.identity() | {"csrf_token": token},
        headers={"HX-Request": "true"},
        expected_status=204,
    )
    assert response.headers["HX-Redirect"] == "/cont/cerere/act-de-identitate"


def test_downloads_are_refused_to_another_browser(client_request, app):
    location = submit_request(client_request).headers["Location"]
    reference = location.rsplit("/", 1)[1]
    stranger = type(client_request)(app.test_client())
    stranger.get(f"/cont/cerere/{reference}.pdf", expected_status=403)
    stranger.get(f"/cont/cerere/{reference}.docx", expected_status=403)
    stranger.get(f"/cont/cerere/{reference}/tiparire", expected_status=403)
    stranger.get(location, expected_status=403)


def test_print_view_is_the_printout_as_a_page(client_request):
    location = submit_request(client_request).headers["Location"]
    reference = location.rsplit("/", 1)[1]
    page = client_request.get_page(f"/cont/cerere/{reference}/tiparire")
    assert reference in page.get_text()
    assert "2580514123457" in page.get_text()


def test_more_than_twenty_persons_is_an_error_and_every_row_is_kept(client_request):
    # F21: a tampered form with 60 rows used to keep rows 0-19 in silence.
    fill_identity(client_request)
    token = client_request.csrf_token("/cont/cerere/persoane")
    rows = {}
    for index in range(60):
        rows |= builders.legal_person(index, cui="18547290", name=f"Firma {index}")
    response = client_request.post(
        "/cont/cerere/persoane",
        data={"csrf_token": token, "action": "continue", **rows},
        expected_status=200,
    )
    page = soup(response)
    summary = page.find(class_="error-summary").get_text(" ")
    assert "Puteți adăuga cel mult 20 de persoane" in summary
    assert "Ați adăugat 60 de persoane" in summary
    assert page.title.get_text().startswith("Eroare: ")
    assert page.find("input", id="legal_persons-59-name")["value"] == "Firma 59"
    # Nothing typed is lost: the draft keeps all 60, and the check page sends the person back.
    again = client_request.get_page("/cont/cerere/persoane")
    assert len(again.select("fieldset.row-card")) == 60
    response = client_request.get("/cont/cerere/verificare", expected_status=302)
    assert response.headers["Location"].endswith("/cont/cerere/persoane?verificare=1")


@pytest.mark.parametrize(
    "action",
    [
        "remove-natural-" + "9" * 5000,
        "remove-natural-²",
        "remove-natural-",
        "remove-other-0",
        "remove-natural-0-1",
        "remove-legal-100",
        "ceva",
    ],
)
def test_strange_actions_are_ignored(client_request, action):
    # F14.4: a 5,000-digit row number was a 500 (int()'s digit limit).
    fill_identity(client_request)
    token = client_request.csrf_token("/cont/cerere/persoane")
    rows = builders.natural_person(0)
    response = client_request.post(
        "/cont/cerere/persoane",
        data={"csrf_token": token, "action": action, **rows},
        expected_status=200,
    )
    page = soup(response)
    assert page.find("input", id="natural_persons-0-cnp")["value"] == rows["natural_persons-0-cnp"]


def test_back_on_the_persons_page_saves_the_rows_then_goes_back(client_request):
    """m19: with JavaScript off, the page's own "Înapoi" is a submit button of the form."""
    fill_identity(client_request)
    page = client_request.get_page("/cont/cerere/persoane")
    back = page.find("nav", attrs={"aria-label": "Pasul anterior"}).find("button")
    assert back["form"] == page.find("form", attrs={"data-rows": True})["id"]
    assert (back["name"], back["value"]) == ("action", "back")
    token = client_request.csrf_token("/cont/cerere/persoane")
    response = client_request.post(
        "/cont/cerere/persoane",
        data={"csrf_token": token, "action": "back", **builders.natural_person(0)},
        expected_status=303,
    )
    assert response.headers["Location"] == "/cont/cerere/casa-de-pensii"
    again = client_request.get_page("/cont/cerere/persoane")
    name = builders.natural_person(0)["natural_persons-0-last_name"]
    assert again.find("input", id="natural_persons-0-last_name")["value"] == name
    assert not again.select(".error-summary"), "going back checks nothing"


def test_persons_page_speaks_plainly(client_request):
    """m4: no "persoană fizică / juridică", "temei legal" or "calitate" on the page."""
    fill_identity(client_request)
    token = client_request.csrf_token("/cont/cerere/persoane")
    response = client_request.post(
        "/cont/cerere/persoane",
        data={"csrf_token": token, "action": "add-legal", **builders.natural_person(0)},
        expected_status=200,
    )
    text = soup(response).get_text(" ")
    for jargon in ("fizic", "juridic", "Temeiul", "Calitatea", "justificativ"):
        assert jargon not in text, jargon
    for plain in (
        "Adăugați o persoană (de exemplu un părinte)",
        "Adăugați o firmă sau o asociație",
        "Ce document vă dă dreptul",
    ):
        assert plain in text, plain


def test_a_change_link_lands_on_the_answer_and_continue_returns_to_the_check_page(
    client_request,
):
    """M15: "Schimbați" per answer; the question takes focus; "Continuați" skips the pages
    between it and the check page."""
    submit_ready = fill_identity(client_request)
    assert submit_ready.status_code == 303
    token = client_request.csrf_token("/cont/cerere/persoane")
    client_request.post(
        "/cont/cerere/persoane",
        data={"csrf_token": token, "action": "continue", **builders.natural_person(0)},
        expected_status=303,
    )
    check = client_request.get_page("/cont/cerere/verificare")
    street = check.find("a", href="/cont/cerere/adresa?schimbare=street")
    assert street.get_text(" ", strip=True) == "Schimbați strada"
    assert street.find(class_="visually-hidden").get_text() == " strada"
    person = check.find(
        "a",
        href="/cont/cerere/persoane?schimbare=natural_persons-0-last_name",
    )
    assert person is not None
    rows = check.select(".summary-row")
    assert len(check.select(".summary-action a")) == len(rows)

    page = client_request.get_page("/cont/cerere/adresa?schimbare=street")
    assert page.find("input", id="street").has_attr("autofocus")
    assert page.find("div", id="field-street")
    assert page.find("form")["action"] == "/cont/cerere/adresa?schimbare=street"
    assert page.find("a", class_="back-link")["href"] == "/cont/cerere/verificare"
    token = client_request.csrf_token("/cont/cerere/adresa?schimbare=street")
    data = builders.identity(street="Strada Horea") | {"csrf_token": token}
    response = client_request.post(
        "/cont/cerere/adresa?schimbare=street", data=data, expected_status=303
    )
    assert response.headers["Location"] == "/cont/cerere/verificare"
    assert "Strada Horea" in client_request.get_page("/cont/cerere/verificare").get_text()

    # Without the change link, "Continuați" goes on to the next page as before.
    data = builders.identity() | {"csrf_token": token}
    response = client_request.post("/cont/cerere/adresa", data=data, expected_status=303)
    assert response.headers["Location"] == "/cont/cerere/contact"

    # A person's change link focuses that row, and "Înapoi" leads back to the check page.
    page = client_request.get_page("/cont/cerere/persoane?schimbare=natural_persons-0-last_name")
    assert page.find("input", id="natural_persons-0-last_name").has_attr("autofocus")
    token = client_request.csrf_token("/cont/cerere/persoane")
    response = client_request.post(
        "/cont/cerere/persoane?schimbare=natural_persons-0-last_name",
        data={"csrf_token": token, "action": "back", **builders.natural_person(0)},
        expected_status=303,
    )
    assert response.headers["Location"] == "/cont/cerere/verificare"


@pytest.mark.parametrize("strange", ["nu_exista", "website", "csrf_token", "<b>"])
def test_a_change_link_for_no_question_of_the_page_is_ignored(client_request, strange):
    fill_identity(client_request)
    page = client_request.get_page(f"/cont/cerere?schimbare={strange}")
    assert page.find("form")["action"] == "/cont/cerere"
    assert not page.select("[autofocus]:not(.error-summary)")
