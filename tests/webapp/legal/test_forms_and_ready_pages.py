"""The short privacy note on each form's first page and check-answers page (B4), and the chosen
house's confirmed contacts on every "ready" page (M4)."""

from tests.builders import fill_identity, submit_request
from tests.webapp.life_certificate import test_life_certificate_journey as life
from tests.webapp.payment import test_payment as payment


def privacy_note(page):
    note = page.find("aside", class_="privacy-note")
    assert note, "no privacy note"
    assert note.h2.get_text(strip=True) == "Cum folosim datele dumneavoastră"
    assert note.find("a", href="/protectia-datelor")
    assert "nu pe baza acordului" in note.get_text()
    return note


def house_contacts(page):
    return page.find("section", class_="house-contacts").get_text(" ", strip=True)


def test_account_request_first_and_check_pages_have_the_privacy_note(client_request):
    privacy_note(client_request.get_page("/cont/cerere"))
    account = client_request.within("account")
    assert fill_identity(client_request).status_code == 303
    token = account.csrf_token(".persons")
    account.post(".persons", data={"csrf_token": token, "action": "continue"}, expected_status=303)
    privacy_note(account.get_page(".check"))


def test_payment_first_and_check_pages_have_the_privacy_note(client_request):
    privacy_note(client_request.get_page(payment.PAGES["pensioner"]))
    payment.fill_pages(client_request)
    privacy_note(client_request.get_page(payment.CHECK))


def test_life_certificate_first_and_check_pages_have_the_privacy_note(client_request):
    privacy_note(client_request.get_page(life.DETAILS))
    assert life.fill(client_request).status_code == 303
    privacy_note(client_request.get_page(life.CHECK))


def test_payment_ready_page_shows_the_houses_confirmed_contacts(client_request):
    payment.fill_pages(client_request)  # Dâmbovița
    payment.confirm(client_request)
    text = house_contacts(client_request.get_page(payment.CONFIRMATION))
    assert "casadepensiidambovita@cnpp.ro" in text and "0374.491.199" in text
    assert "Luni–Joi 08:30–16:00" in text


def test_life_certificate_ready_page_shows_the_houses_confirmed_contacts(client_request):
    life.confirm(client_request, house_code="SJ")
    text = house_contacts(client_request.get_page(life.READY))
    assert "Bulevardul Mihai Viteazul nr. 85, Zalău, județul Sălaj" in text
    assert "certificatedeviata.salaj@cnpp.ro" in text


def test_account_confirmation_says_where_to_look_for_an_unconfirmed_house(client_request):
    # The account request's house is Cluj (tests/builders.py): no confirmed contacts.
    response = submit_request(client_request)
    page = client_request.get_page(response.headers["Location"])
    text = house_contacts(page)
    assert "Casa Județeană de Pensii Cluj" in text
    assert "Nu avem încă adresa, e-mailul sau telefonul confirmate" in text
    assert page.find("section", class_="house-contacts").find("a", href="https://www.cnpp.ro")
