"""Only staff of the county house that has a petition now reach it: another county's clerk (or
supervisor) gets a 404 from every URL of it, its files included; a citizen and a visitor are
sent to sign in; a file of another petition is a 404 even for the right clerk."""

import pytest

from tests.builders import make_staff, page_token, pdf_bytes, petition, signed_in, stored
from webapp.models import AuditEvent, Petition, PetitionFile, StoredFile

ACTIONS = ("preluare", "raspuns", "prelungire", "redirectionare", "inchidere")


@pytest.fixture
def two_counties(app):
    session = app.extensions["db_sessionmaker"]()
    cluj = make_staff(session, email="clerk@cjpcluj.ro", county="CJ")
    sibiu = make_staff(session, email="clerk@cjpsibiu.ro", county="SB")
    boss = make_staff(session, email="sef@cjpsibiu.ro", county="SB", role="supervisor")
    made = petition(session, attachments=(("scan.pdf", pdf_bytes()),))
    other = petition(session, county="SB", attachments=(("alt.pdf", pdf_bytes()),))
    uid = stored(app, StoredFile, StoredFile.name == "scan.pdf")[0].uid
    other_uid = stored(app, StoredFile, StoredFile.name == "alt.pdf")[0].uid
    result = {
        "cluj": signed_in(app, cluj),
        "sibiu": signed_in(app, sibiu),
        "boss": signed_in(app, boss),
        "reference": made.reference,
        "other_reference": other.reference,
        "uid": uid,
        "other_uid": other_uid,
    }
    session.close()
    return result


def urls(reference, uid):
    base = f"/ghiseu/petitii/{reference}"
    return [base, f"{base}/fisiere/{uid}"]


@pytest.mark.parametrize("who", ["sibiu", "boss"])
def test_another_countys_staff_get_404_from_every_url(app, two_counties, who):
    client = two_counties[who]
    reference = two_counties["reference"]
    for url in urls(reference, two_counties["uid"]):
        client.get(url, expected_status=404)
    # A token from a page of their own, posted to every action of the other county's petition.
    token = page_token(client, f"/ghiseu/petitii/{two_counties['other_reference']}")
    for action in ACTIONS:
        client.post(
            f"/ghiseu/petitii/{reference}/{action}",
            data={
                "csrf_token": token,
                "text": "Răspuns.",
                "days": "15",
                "extension_reason": "x",
                "county": "SB",
                "forward_reason": "x",
                "close_reason": "x",
            },
            expected_status=404,
        )
    found = stored(app, Petition, Petition.reference == reference)[0]
    assert (found.status, found.county_code, found.answer_text) == ("registered", "CJ", None)
    assert stored(app, PetitionFile, PetitionFile.role == "answer") == []
    # Nothing of the Cluj petition was acted on or looked at by them.
    assert not [
        e for e in stored(app, AuditEvent) if (e.details or {}).get("petition") == reference
    ]


def test_the_right_clerk_downloads_an_attachment_but_not_another_petitions_file(app, two_counties):
    client = two_counties["cluj"]
    reference = two_counties["reference"]
    page = client.get_page(f"/ghiseu/petitii/{reference}")
    link = page.find("a", string="scan.pdf")["href"]
    response = client.get(link)
    assert response.headers["Content-Disposition"] == 'attachment; filename="scan.pdf"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "private, no-store"
    audit = stored(app, AuditEvent, AuditEvent.action == "petition_file")
    assert [e.details for e in audit] == [{"petition": reference, "file": "scan.pdf"}]
    # Sibiu's file through the Cluj petition's URL: not this petition's file.
    client.get(
        f"/ghiseu/petitii/{reference}/fisiere/{two_counties['other_uid']}", expected_status=404
    )
    client.get(f"/ghiseu/petitii/{reference}/fisiere/nu-exista", expected_status=404)


def test_once_forwarded_the_files_go_with_the_petition(app, two_counties):
    cluj, sibiu = two_counties["cluj"], two_counties["sibiu"]
    reference, uid = two_counties["reference"], two_counties["uid"]
    token = page_token(cluj, f"/ghiseu/petitii/{reference}")
    cluj.post(
        f"/ghiseu/petitii/{reference}/redirectionare",
        data={"csrf_token": token, "county": "SB", "forward_reason": "Competența Sibiului."},
        expected_status=303,
    )
    for url in urls(reference, uid):
        cluj.get(url, expected_status=404)
        assert sibiu.get(url).status_code == 200


def test_citizens_and_visitors_are_sent_to_sign_in(app, two_counties, client):
    reference, uid = two_counties["reference"], two_counties["uid"]
    for url in ["/ghiseu/petitii/", *urls(reference, uid)]:
        response = client.get(url)
        assert response.status_code in (302, 303), url
        assert "/autentificare" in response.headers["Location"]


def test_an_unknown_or_malformed_reference_is_a_404(two_counties):
    client = two_counties["cluj"]
    client.get("/ghiseu/petitii/PT-2026-999999", expected_status=404)
    client.get("/ghiseu/petitii/CC-2026-000001", expected_status=404)
    client.get("/ghiseu/petitii/nimic", expected_status=404)


def test_a_staff_member_of_another_county_does_not_see_it_in_their_queue(two_counties):
    page = two_counties["sibiu"].get("/ghiseu/petitii/").get_data(True)
    assert two_counties["reference"] not in page
    assert two_counties["other_reference"] in page
