"""The 403 pages say what to do instead (m17), each for its case: a request opened in another
browser, a payment printout asked for where nothing was filled in, and an area of the site that
is the other kind of account's."""

from tests.builders import as_staff, signed_in_citizen, submit_request
from tests.page_checks import PageClient, soup


def refusal(client, url) -> tuple[str, str, dict[str, str]]:
    page = soup(client.get(url, expected_status=403))
    links = {a.get_text(strip=True): a["href"] for a in page.main.find_all("a", href=True)}
    return page.h1.get_text(), page.main.get_text(" "), links


def test_a_request_opened_in_another_browser_points_to_the_email_and_the_counter(
    app, client_request
):
    location = submit_request(client_request).headers["Location"]
    reference = location.rsplit("/", 1)[1]
    other = PageClient(app.test_client())
    for url in (location, f"/cont/cerere/{reference}.pdf", f"/cont/cerere/{reference}/tiparire"):
        heading, text, links = refusal(other, url)
        assert heading == "Nu aveți acces la această pagină"
        assert "folosiți legătura din e-mailul primit după trimitere" in text
        assert "veniți la ghișeu cu numărul de referință; cererea se tipărește acolo" in text
        assert links["Verificați stadiul cererii"] == "/stare"


def test_a_payment_printout_in_a_browser_without_answers_offers_the_form(app):
    _, text, links = refusal(PageClient(app.test_client()), "/plata-card/cerere/gata")
    assert "răspunsurile sunt păstrate doar în browserul în care ați completat-o" in text
    assert links["Completați cererea"] == "/plata-card/cerere"


def test_a_citizen_on_a_counter_page_is_sent_to_their_account(app):
    citizen, _, _ = signed_in_citizen(app)
    _, text, links = refusal(citizen, "/ghiseu/")
    assert "doar pentru personalul caselor de pensii" in text
    assert links["Mergeți la contul dumneavoastră"] == "/contul-meu/"


def test_a_clerk_on_the_audit_log_is_told_a_supervisor_has_it(app):
    clerk, _ = as_staff(app)
    _, text, links = refusal(clerk, "/ghiseu/jurnal")
    assert "doar un supervizor" in text and "cereți-i supervizorului" in text
    assert links["Mergeți la lista de cereri"] == "/ghiseu/"


def test_staff_on_a_citizens_page_are_told_whose_page_it_is(app):
    clerk, _ = as_staff(app)
    _, text, links = refusal(clerk, "/contul-meu/")
    assert "pentru cetățenii cu cont online" in text
    assert links["Mergeți la lista de cereri"] == "/ghiseu/"
