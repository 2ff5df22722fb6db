"""/contul-meu/persoane: each verified person with its legal basis, document and status, the
links to act for it, and the banner on the pages that act for someone."""

from tests.builders import holder_of_persons
from webapp.persons import links as person_links


def sections(page):
    return {section.h2.get_text(strip=True): section for section in page.select("section.person")}


def rows(section):
    return {
        row.dt.get_text(" ", strip=True): row.dd.get_text(" ", strip=True)
        for row in section.select(".summary-row")
    }


def test_the_list_shows_verified_persons_with_basis_document_and_status(app):
    client, _, _ = holder_of_persons(app, revoked=(4,))
    page = client.get_page("persons.index")
    found = sections(page)
    # Vasile's document was not seen: he is not the account's, so not listed.
    assert list(found) == ["Popescu Ștefan", "Asociația Pensionarilor Șoimii", "Ionescu Maria"]
    stefan = rows(found["Popescu Ștefan"])
    assert stefan["Persoană fizică, CNP"] == "1800101123469"
    assert stefan["Temeiul"] == "Procură notarială"
    assert stefan["Documentul"] == "Procură notarială nr. 1234 din 10.01.2024"
    assert stefan["Starea"].startswith("Verificată la ghișeu la ")
    legal = rows(found["Asociația Pensionarilor Șoimii"])
    assert legal["Persoană juridică, CUI"] == "18547290"
    assert legal["Calitatea"] == "Împuternicit"
    assert legal["Documentul"] == "Document de împuternicit nr. 77 din 05.06.2023"
    maria = rows(found["Ionescu Maria"])
    assert maria["Temeiul"] == "Tutelă"
    assert maria["Starea"].startswith("Revocată la ")
    assert "Motivul: Procura a fost revocată la notar." in maria["Starea"]
    assert "Vasile" not in page.get_text()


def test_each_person_in_force_links_to_the_pages_that_act_for_it(app):
    client, _, _ = holder_of_persons(app, revoked=(4,))
    found = sections(client.get_page("persons.index"))
    stefan = [a["href"] for a in found["Popescu Ștefan"].select("a")]
    assert stefan == ["/contul-meu/cariera/persoana/1", "/contul-meu/rapoarte/?persoana=1"]
    # A legal person has no career record; a revoked person has no links at all.
    assert found["Asociația Pensionarilor Șoimii"].select("a") == []
    assert found["Ionescu Maria"].select("a") == []
    assert "Nu mai puteți acționa" in found["Ionescu Maria"].get_text()


def test_the_new_petition_link_appears_once_that_page_exists(app):
    @app.get(person_links.NEW_PETITION_PATH)
    def new_petition():  # stands for webapp/petitions/' page, which another branch adds
        return "petiție"

    client, _, _ = holder_of_persons(app)
    found = sections(client.get_page("persons.index"))
    assert [a["href"] for a in found["Asociația Pensionarilor Șoimii"].select("a")] == [
        "/contul-meu/petitii/noua?persoana=3"
    ]
    assert "/contul-meu/petitii/noua?persoana=1" in [
        a["href"] for a in found["Popescu Ștefan"].select("a")
    ]


def test_an_account_without_persons_says_how_to_add_one(app):
    client, _, _ = holder_of_persons(app, persons=[], seen=())
    page = client.get_page("persons.index")
    assert page.select("section.person") == []
    assert "veniți la ghișeul casei de pensii" in page.get_text()


def test_the_account_page_links_to_the_list(app):
    client, _, _ = holder_of_persons(app)
    assert client.get_page("my_account.index").find("a", href="/contul-meu/persoane/")


def test_acting_for_a_person_shows_a_banner_with_the_way_back(app):
    client, _, _ = holder_of_persons(app)
    for url in ("/contul-meu/cariera/persoana/1", "/contul-meu/rapoarte/?persoana=1"):
        page = client.get_page(url)
        banner = page.select_one(".acting-for")
        assert banner is not None, url
        assert "Acționați pentru Popescu Ștefan." in banner.get_text(" ", strip=True)
        assert {a["href"] for a in banner.select("a")} == {"/contul-meu/persoane/", "/contul-meu/"}
    # The reports form has the person chosen.
    page = client.get_page("/contul-meu/rapoarte/?persoana=1")
    chosen = page.select_one("input[name=person][checked]")
    assert page.find("label", attrs={"for": chosen["id"]}).get_text(strip=True) == (
        "Pentru Popescu Ștefan"
    )
    # For oneself there is no banner.
    for url in ("/contul-meu/cariera/", "/contul-meu/rapoarte/", "/contul-meu/persoane/"):
        assert client.get_page(url).select_one(".acting-for") is None, url


def test_signed_out_visitors_are_sent_to_sign_in(app, client_request):
    response = client_request.get("/contul-meu/persoane/", expected_status=302)
    assert "/autentificare" in response.headers["Location"]
