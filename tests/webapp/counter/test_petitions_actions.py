"""The counter's actions on a petition, through its pages: take it, answer it (with and without
a PDF), extend its term once, forward it within 5 days, close it; each leaves the citizen's
history event, an audit event with the petition's reference, and the citizen's notification."""

import datetime as dt

from sqlalchemy import select

from domain import ro
from domain.petition_terms import extended_deadline, forward_deadline
from tests.builders import (
    error_summary,
    make_staff,
    page_token,
    pdf_bytes,
    petition,
    signed_in,
    stored,
)
from tests.page_checks import soup
from webapp.models import (
    AuditEvent,
    Notification,
    Petition,
    PetitionEvent,
    PetitionFile,
    StoredFile,
)


def setup(app, county="CJ", **petition_values):
    session = app.extensions["db_sessionmaker"]()
    clerk = make_staff(session, email=f"clerk.{county.lower()}@cjp.ro", county=county)
    made = petition(session, **petition_values)
    reference, clerk_id = made.reference, clerk.id
    session.close()
    return signed_in(app, clerk), reference, clerk_id


def post(client, reference, action, expected_status=303, **data):
    url = f"/ghiseu/petitii/{reference}"
    token = page_token(client, url)
    return client.post(
        f"{url}/{action}", data={"csrf_token": token, **data}, expected_status=expected_status
    )


def the_petition(app, reference) -> Petition:
    return stored(app, Petition, Petition.reference == reference)[0]


def actions_of(app, reference) -> list[str]:
    petition_id = the_petition(app, reference).id
    return [e.action for e in stored(app, PetitionEvent, PetitionEvent.petition_id == petition_id)]


def audited(app, action) -> list[AuditEvent]:
    return stored(app, AuditEvent, AuditEvent.action == action)


def test_the_clerk_takes_a_petition(app):
    client, reference, clerk_id = setup(app)
    response = post(client, reference, "preluare")
    assert response.headers["Location"].endswith("?rezultat=preluata")
    found = the_petition(app, reference)
    assert (found.status, found.assigned_to_id) == ("in_progress", clerk_id)
    assert actions_of(app, reference) == ["registered", "assigned"]
    assert audited(app, "petition_assign")[0].details == {"petition": reference}
    page = client.get_page(f"/ghiseu/petitii/{reference}?rezultat=preluata")
    assert "în lucru la dumneavoastră" in page.find(class_="notice").text
    # Taken, it cannot be taken again.
    assert page.find("button", string="Preiau eu petiția") is None


def test_the_answer_with_a_pdf_goes_to_the_citizen(app):
    client, reference, clerk_id = setup(app)
    url = f"/ghiseu/petitii/{reference}"
    token = page_token(client, url)
    import io

    response = client.post(
        f"{url}/raspuns",
        data={
            "csrf_token": token,
            "text": "Stagiul a fost corectat.\nDecizia nouă vă va fi comunicată.",
            "document": (io.BytesIO(pdf_bytes()), "Răspuns semnat.pdf"),
        },
        content_type="multipart/form-data",
        expected_status=303,
    )
    assert response.headers["Location"].endswith("?rezultat=raspuns")
    found = the_petition(app, reference)
    assert found.status == "answered"
    assert found.answered_by_id == clerk_id
    assert found.answer_text.startswith("Stagiul a fost corectat.")
    (answer_file,) = stored(app, PetitionFile, PetitionFile.petition_id == found.id)
    assert answer_file.role == "answer"
    (file,) = stored(app, StoredFile, StoredFile.id == answer_file.file_id)
    assert (file.name, file.content_type) == ("Raspuns semnat.pdf", "application/pdf")
    assert actions_of(app, reference) == ["registered", "answered"]
    assert audited(app, "petition_answer")[0].details == {"petition": reference}
    # The answer, and the new document it brings to the account (its PDF).
    notes = stored(app, Notification, Notification.account_id == found.account_id)
    assert sorted(note.kind for note in notes) == ["new_document", "petition_answered"]
    assert all(reference in note.text and "Stagiul" not in note.text for note in notes)
    # The answer's file is downloadable from the petition page, as an attachment.
    page = client.get_page(url)
    link = page.find("a", string="Raspuns semnat.pdf")["href"]
    download = client.get(link)
    assert download.headers["Content-Disposition"] == 'attachment; filename="Raspuns semnat.pdf"'
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.data == file.data
    # No second answer form on an answered petition.
    assert page.find("form", action=f"{url}/raspuns") is None


def test_an_answer_without_text_or_with_a_file_that_is_not_a_pdf_is_refused(app):
    import io

    client, reference, _ = setup(app)
    url = f"/ghiseu/petitii/{reference}"
    token = page_token(client, url)
    response = client.post(f"{url}/raspuns", data={"csrf_token": token}, expected_status=422)
    assert "Scrieți răspunsul la petiție." in error_summary(response)
    response = client.post(
        f"{url}/raspuns",
        data={
            "csrf_token": token,
            "text": "Răspunsul nostru.",
            "document": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "raspuns.pdf"),
        },
        content_type="multipart/form-data",
        expected_status=422,
    )
    assert "Fișierul ales nu este un PDF." in error_summary(response)
    # What was typed stays in the form.
    assert soup(response).find("textarea", id="text").text.strip() == "Răspunsul nostru."
    found = the_petition(app, reference)
    assert found.status == "registered" and found.answer_text is None
    assert stored(app, StoredFile) == []


def test_an_answer_file_over_5_mb_is_refused_with_a_field_error(app):
    import io

    client, reference, _ = setup(app)
    url = f"/ghiseu/petitii/{reference}"
    token = page_token(client, url)
    big = pdf_bytes() + b"%" + b"0" * (5 * 1024 * 1024)
    response = client.post(
        f"{url}/raspuns",
        data={"csrf_token": token, "text": "Răspuns.", "document": (io.BytesIO(big), "r.pdf")},
        content_type="multipart/form-data",
        expected_status=422,
    )
    assert "mai mult de 5 MB" in error_summary(response)
    assert the_petition(app, reference).status == "registered"


def test_the_term_is_extended_once_with_a_reason(app):
    client, reference, _ = setup(app)
    registered_on = ro.local(the_petition(app, reference).registered_at).date()
    response = post(
        client,
        reference,
        "prelungire",
        days="10",
        extension_reason="Așteptăm adeverința de la angajator.",
    )
    assert response.headers["Location"].endswith("?rezultat=prelungita")
    found = the_petition(app, reference)
    assert found.status == "extended"
    # Art. 9: 30 + 10 days from registration (the last one moved off a day off).
    assert found.due_on == extended_deadline(registered_on, 10)
    assert found.due_on >= registered_on + dt.timedelta(days=40)
    assert found.extension_reason == "Așteptăm adeverința de la angajator."
    events = stored(app, PetitionEvent, PetitionEvent.action == "extended")
    assert events[0].details["due_on"] == found.due_on.isoformat()
    assert audited(app, "petition_extend")[0].details["petition"] == reference
    (note,) = stored(app, Notification, Notification.account_id == found.account_id)
    assert reference in note.text
    # The page no longer offers it, and says why.
    page = client.get_page(f"/ghiseu/petitii/{reference}")
    assert page.find("form", action=f"/ghiseu/petitii/{reference}/prelungire") is None
    assert "deja prelungit o dată" in page.text


def test_a_second_extension_is_refused(app):
    client, reference, _ = setup(app)
    token = page_token(client, f"/ghiseu/petitii/{reference}")
    post(client, reference, "prelungire", days="5", extension_reason="Motiv.")
    due = the_petition(app, reference).due_on
    # The form of the page as it was before the first extension, posted again.
    response = client.post(
        f"/ghiseu/petitii/{reference}/prelungire",
        data={"csrf_token": token, "days": "15", "extension_reason": "Încă o dată."},
        expected_status=409,
    )
    assert "Legea permite o singură prelungire." in error_summary(response)
    assert the_petition(app, reference).due_on == due
    assert len(audited(app, "petition_extend")) == 1


def test_an_extension_after_the_deadline_is_refused(app):
    registered = dt.datetime.now(dt.UTC) - dt.timedelta(days=31)
    client, reference, _ = setup(app, registered_at=registered)
    token = page_token(client, f"/ghiseu/petitii/{reference}")
    response = client.post(
        f"/ghiseu/petitii/{reference}/prelungire",
        data={"csrf_token": token, "days": "15", "extension_reason": "Prea târziu."},
        expected_status=409,
    )
    assert "Termenul de răspuns a trecut" in error_summary(response)
    assert the_petition(app, reference).status == "registered"


def test_an_extension_needs_a_reason_and_at_most_15_days(app):
    client, reference, _ = setup(app)
    response = post(
        client, reference, "prelungire", expected_status=422, days="16", extension_reason=""
    )
    summary = error_summary(response)
    assert "Alegeți din listă." in summary
    assert "Scrieți motivul prelungirii" in summary


def test_a_petition_is_forwarded_to_another_county_house_within_5_days(app):
    registered = dt.datetime.now(dt.UTC) - dt.timedelta(days=5)
    client, reference, _ = setup(app, registered_at=registered)
    response = post(
        client, reference, "redirectionare", county="SB", forward_reason="Dosarul e la Sibiu."
    )
    assert response.headers["Location"] == "/ghiseu/petitii/?rezultat=redirectionata"
    found = the_petition(app, reference)
    assert (found.status, found.county_code, found.first_county_code) == ("forwarded", "SB", "CJ")
    assert found.assigned_to_id is None
    event = stored(app, PetitionEvent, PetitionEvent.action == "forwarded")[0]
    assert event.details == {
        "from_county": "CJ",
        "to_county": "SB",
        "reason": "Dosarul e la Sibiu.",
    }
    assert audited(app, "petition_forward")[0].details["county"] == "SB"
    (note,) = stored(app, Notification, Notification.account_id == found.account_id)
    assert reference in note.text
    # The Cluj queue no longer lists it; Sibiu's does, and its clerk can act on it.
    assert reference not in client.get("/ghiseu/petitii/").get_data(True)
    client.get(f"/ghiseu/petitii/{reference}", expected_status=404)
    session = app.extensions["db_sessionmaker"]()
    sibiu = make_staff(session, email="clerk.sb@cjp.ro", county="SB")
    session.close()
    sibiu_client = signed_in(app, sibiu)
    assert reference in sibiu_client.get("/ghiseu/petitii/").get_data(True)
    post(sibiu_client, reference, "preluare")
    assert the_petition(app, reference).status == "in_progress"


def test_forwarding_after_5_days_is_refused(app):
    # Far enough back that no weekend or holiday moves the 5th day to today.
    registered = dt.datetime.now(dt.UTC) - dt.timedelta(days=15)
    client, reference, _ = setup(app, registered_at=registered)
    assert forward_deadline(ro.local(registered).date()) < ro.today()
    page = client.get_page(f"/ghiseu/petitii/{reference}")
    assert page.find("form", action=f"/ghiseu/petitii/{reference}/redirectionare") is None
    response = post(
        client,
        reference,
        "redirectionare",
        expected_status=409,
        county="SB",
        forward_reason="Târziu.",
    )
    assert "doar în 5 zile de la înregistrare" in error_summary(response)
    assert the_petition(app, reference).county_code == "CJ"


def test_forwarding_to_the_own_county_house_is_refused(app):
    client, reference, _ = setup(app)
    response = post(
        client,
        reference,
        "redirectionare",
        expected_status=409,
        county="CJ",
        forward_reason="Aici.",
    )
    assert "Alegeți altă casă de pensii." in error_summary(response)


def test_a_petition_is_closed_with_a_reason(app):
    client, reference, _ = setup(app)
    response = post(client, reference, "inchidere", close_reason="Trimisă de două ori.")
    assert response.headers["Location"].endswith("?rezultat=inchisa")
    found = the_petition(app, reference)
    assert (found.status, found.closed_reason) == ("closed", "Trimisă de două ori.")
    assert actions_of(app, reference) == ["registered", "closed"]
    assert audited(app, "petition_close")[0].details["reason"] == "Trimisă de două ori."
    # Closed, it cannot be answered any more.
    token = page_token(client, f"/ghiseu/petitii/{reference}")
    response = client.post(
        f"/ghiseu/petitii/{reference}/raspuns",
        data={"csrf_token": token, "text": "Totuși."},
        expected_status=409,
    )
    assert "Petiția a fost deja închisă." in error_summary(response)


def test_a_close_without_a_reason_is_refused(app):
    client, reference, _ = setup(app)
    response = post(client, reference, "inchidere", expected_status=422, close_reason=" ")
    assert "Scrieți motivul închiderii petiției." in error_summary(response)
    assert the_petition(app, reference).status == "registered"


def test_the_petition_page_is_audited(app):
    client, reference, _ = setup(app)
    client.get(f"/ghiseu/petitii/{reference}")
    session = app.extensions["db_sessionmaker"]()
    events = session.execute(select(AuditEvent).where(AuditEvent.action == "petition_view"))
    assert [e.details for e in events.scalars()] == [{"petition": reference}]
    session.close()
