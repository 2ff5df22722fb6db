"""The persons administered in Chromium, JavaScript on and off: the holder lists them, acts for
one (the banner, and the way back), the counter revokes one (the reason missing, then given),
and the holder sees it revoked and can no longer reach it. axe-core checks every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import sign_in, sign_in_staff
from tests.builders import (
    GOOD_PASSWORD,
    holder_of_persons,
    make_staff,
)

pytestmark = pytest.mark.browser

CLERK = "ion@cjpcluj.ro"
ERROR_TITLE = re.compile(r"^Eroare: ")


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_list_act_for_a_person_revoke_and_lose_access(browsing, live_app, javascript):
    _, request, account = holder_of_persons(live_app)
    with live_app.app_context():
        session = live_app.extensions["db_sessionmaker"]()
        make_staff(session, email=CLERK, county="CJ")
        session.close()

    holder = browsing.open(javascript=javascript)
    sign_in(holder, account.email, GOOD_PASSWORD)
    expect(holder).to_have_url(re.compile(r"/contul-meu/$"))
    holder.get_by_role("link", name="Vedeți persoanele pe care le administrați").click()
    expect(holder).to_have_url(re.compile(r"/contul-meu/persoane/$"))
    expect(holder.get_by_role("heading", level=2)).to_have_text(
        ["Popescu Ștefan", "Asociația Pensionarilor Șoimii", "Ionescu Maria"]
    )
    browsing.assert_accessible(holder, "the list, every person in force")

    # Acting for Ștefan: his career, with the banner and the way back.
    holder.get_by_role("link", name="Cariera de asigurat pentru Popescu Ștefan").click()
    expect(holder).to_have_url(re.compile(r"/contul-meu/cariera/persoana/1$"))
    banner = holder.get_by_role("region", name="Persoana pentru care acționați")
    expect(banner).to_contain_text("Acționați pentru Popescu Ștefan.")
    browsing.assert_accessible(holder, "career, acting for a person")
    banner.get_by_role("link", name="Alegeți altă persoană").click()
    expect(holder).to_have_url(re.compile(r"/contul-meu/persoane/$"))

    # His reports: the form has him chosen.
    holder.get_by_role("link", name="Rapoarte despre carieră pentru Popescu Ștefan").click()
    expect(holder).to_have_url(re.compile(r"/contul-meu/rapoarte/\?persoana=1$"))
    expect(holder.get_by_label("Pentru Popescu Ștefan")).to_be_checked()
    expect(holder.get_by_role("region", name="Persoana pentru care acționați")).to_be_visible()
    browsing.assert_accessible(holder, "reports, acting for a person")
    holder.get_by_role("link", name="reveniți la contul dumneavoastră").click()
    expect(holder).to_have_url(re.compile(r"/contul-meu/$"))
    expect(holder.locator(".acting-for")).to_have_count(0)

    # The counter revokes Ștefan: first without a reason.
    clerk = browsing.open(javascript=javascript)
    sign_in_staff(clerk, live_app, CLERK)
    expect(clerk).not_to_have_url(re.compile(r"/autentificare"))
    clerk.goto(f"/ghiseu/cerere/{request.reference}")
    person = clerk.locator("#persoana-1")
    person.get_by_role("button", name="Revocați împuternicirea pentru Popescu Ștefan").click()
    expect(clerk).to_have_title(ERROR_TITLE)
    expect(clerk.locator(".error-summary")).to_contain_text("Scrieți motivul revocării")
    browsing.assert_accessible(clerk, "revoke without a reason")
    clerk.locator("#persoana-1").get_by_label("Motivul revocării").fill(
        "Procura a fost revocată la notar."
    )
    clerk.locator("#persoana-1").get_by_role("button", name=re.compile("^Revocați")).click()
    expect(clerk.locator(".notice[role=status]")).to_contain_text("Împuternicirea a fost revocată")
    expect(clerk.locator("#persoana-1")).to_contain_text("revocată la")
    browsing.assert_accessible(clerk, "after the revocation")

    holder.goto("/contul-meu/persoane/")
    stefan = holder.locator("section.person").filter(has_text="Popescu Ștefan")
    expect(stefan).to_contain_text("Revocată la")
    expect(stefan).to_contain_text("Procura a fost revocată la notar.")
    expect(stefan.get_by_role("link")).to_have_count(0)
    browsing.assert_accessible(holder, "the list, one person revoked")
    response = holder.goto("/contul-meu/cariera/persoana/1")
    assert response.status == 404
