"""Electronic petitions in the account: written one page at a time with JS off, files kept with
the draft, checked, sent once (the petition, its files, its first event and the email in one
transaction), the confirmation with the number and the deadline in words, the list with status
and history, the answer; nobody but the owner reaches a petition or a file."""

import datetime as dt
import io
import re

import pytest
from sqlalchemy import select

from domain import petition_terms, ro
from tests.builders import (
    error_summary,
    natural_person_row,
    pdf_bytes,
    png_bytes,
    signed_in_citizen,
    stored,
)
from tests.page_checks import soup
from webapp.models import (
    Draft,
    Notification,
    OutboxEmail,
    Petition,
    PetitionEvent,
    PetitionFile,
    StoredFile,
)
from webapp.petitions import views

TEXT = "Bună ziua,\npensia din noiembrie nu a intrat în cont.\nVă rog să verificați plata."


def token(client, endpoint="petitions.who"):
    return client.csrf_token(endpoint)


def write(
    client, person="0", category="plata", county="CJ", subject="Plata pe noiembrie", text=TEXT
):
    client.post(
        "petitions.who",
        data={"csrf_token": token(client), "person": person},
        expected_status=303,
    )
    client.post(
        "petitions.about",
        data={
            "csrf_token": token(client, "petitions.about"),
            "category": category,
            "county_code": county,
        },
        expected_status=303,
    )
    return client.post(
        "petitions.text",
        data={"csrf_token": token(client, "petitions.text"), "subject": subject, "text": text},
        expected_status=303,
    )


def upload(client, *named, action="upload", expected_status=303):
    return client.post(
        "petitions.files",
        data={
            "csrf_token": token(client, "petitions.files"),
            "action": action,
            "fisiere": [(io.BytesIO(data), name) for name, data in named],
        },
        content_type="multipart/form-data",
        expected_status=expected_status,
    )


def send(client, expected_status=303):
    return client.post(
        "petitions.check",
        data={"csrf_token": token(client, "petitions.check")},
        expected_status=expected_status,
    )


def test_the_whole_journey_without_javascript(app):
    client, request, account = signed_in_citizen(app)
    page = client.get_page("petitions.index")
    assert "Nu ați trimis încă nicio petiție" in page.get_text()
    who = client.get_page("petitions.who")
    assert who.find("input", {"name": "person", "value": "0"}).has_attr("checked")
    client.post(
        "petitions.who", data={"csrf_token": token(client), "person": "0"}, expected_status=303
    )
    about = client.get_page("petitions.about")
    # The county house of the holder's domicile is chosen already.
    assert (
        about.find("select", {"name": "county_code"}).find("option", selected=True)["value"]
        == request.answers["county_code"]
    )
    write(client)
    files_page = client.get_page("petitions.files")
    assert files_page.main.find("form")["enctype"] == "multipart/form-data"
    upload(client, ("adeverinta.pdf", pdf_bytes()), ("talon pensie.png", png_bytes()))
    check = client.get_page("petitions.check").get_text()
    assert "adeverinta.pdf" in check and "talon pensie.png" in check
    assert "Plata pensiei" in check and "Casa Județeană de Pensii" in check
    response = send(client)
    (petition,) = stored(app, Petition)
    assert response.headers["Location"].endswith(
        f"/contul-meu/petitii/{petition.reference}/trimisa"
    )
    year = ro.local(petition.registered_at).year
    assert re.fullmatch(rf"PT-{year}-000001", petition.reference)
    registered_on = ro.local(petition.registered_at).date()
    assert petition.due_on == petition_terms.answer_deadline(registered_on)
    assert (petition.account_id, petition.subject_cnp, petition.county_code) == (
        account.id,
        request.cnp,
        "CJ",
    )
    assert petition.text == TEXT  # line breaks kept
    confirmation = client.get_page(response.headers["Location"]).get_text(" ")
    assert petition.reference in confirmation
    assert f"Răspuns până la {ro.long_date(petition.due_on)}" in confirmation
    files = stored(app, PetitionFile, PetitionFile.petition_id == petition.id)
    assert len(files) == 2 and {f.role for f in files} == {"attachment"}
    (event,) = stored(app, PetitionEvent)
    assert event.action == "registered"
    (note,) = stored(app, Notification, Notification.kind == "petition_registered")
    assert petition.reference in note.text
    (email,) = stored(app, OutboxEmail, OutboxEmail.template == "notification_petition_registered")
    assert petition.reference in email.text_body
    assert "noiembrie nu a intrat" not in email.text_body + email.html_body
    assert request.cnp not in email.text_body
    listing = client.get_page("petitions.index").get_text(" ")
    assert "înregistrată" in listing and "Înregistrată" in listing
    assert petition_terms.in_words(petition.due_on) in listing
    # A new petition starts afresh: the pages after the first wait for it again.
    client.get("petitions.text", expected_status=302)


def test_errors_have_eroare_titles_and_summary_links_and_keep_what_was_typed(app):
    client, _, _ = signed_in_citizen(app)
    response = client.post("petitions.who", data={"csrf_token": token(client), "person": "7"})
    page = soup(response)
    assert page.title.string.startswith("Eroare:")
    assert page.select_one(".error-summary a")["href"] == "#person-0"
    write(client)
    long_text = "ș" * 10_001
    response = client.post(
        "petitions.text",
        data={"csrf_token": token(client, "petitions.text"), "subject": "", "text": long_text},
    )
    page = soup(response)
    assert page.title.string.startswith("Eroare:")
    links = [a["href"] for a in page.select(".error-summary a")]
    assert links == ["#subject", "#text"]
    assert "poate avea cel mult 10000 de caractere" in error_summary(response)
    assert page.find("textarea", {"name": "text"}).get_text().strip() == long_text
    # The page says the maximum before anything goes wrong.
    assert "Cel mult 10.000 de caractere" in client.get_page("petitions.text").get_text()
    # Skipping ahead by URL goes back to the page that needs an answer.
    assert "petitii/noua/text" in client.get("petitions.files", expected_status=302).location


def test_upload_limits_and_the_type_read_from_the_content(app, monkeypatch):
    client, _, _ = signed_in_citizen(app)
    write(client)
    upload(client, ("bun.pdf", pdf_bytes()))
    too_big = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024)
    response = upload(client, ("mare.pdf", too_big), expected_status=400)
    assert "cel mult 5 MB" in error_summary(response)
    page = soup(response)
    assert page.title.string.startswith("Eroare:")
    assert page.select_one(".error-summary a")["href"] == "#fisiere"
    assert page.find("input", {"id": "fisiere"})["aria-invalid"] == "true"
    # What was attached before is kept.
    assert "bun.pdf" in page.get_text()
    fake = upload(
        client,
        ("scan.pdf", b"%PDF-1.7 not really"),
        ("poza.png", b"MZ\x90\x00"),
        expected_status=400,
    )
    text = error_summary(fake)
    assert "„scan.pdf” nu este un fișier PDF, JPEG sau PNG" in text
    assert "„poza.png” nu este" in text
    # A PNG named .txt is a PNG: the name does not matter.
    upload(client, ("notite.txt", png_bytes()))
    assert [f.name for f in stored(app, StoredFile)] == ["bun.pdf", "notite.png"]
    upload(client, *[(f"f{i}.png", png_bytes()) for i in range(3)])
    # Five attached: the page offers no more, and a forged sixth is refused.
    assert client.get_page("petitions.files").find("input", {"type": "file"}) is None
    assert "cel mult 5 fișiere" in error_summary(
        upload(client, ("sase.png", png_bytes()), expected_status=400)
    )
    assert len(stored(app, StoredFile)) == 5
    # A body over the limit is refused before it is read, with the page and a field error.
    monkeypatch.setattr(views, "UPLOAD_BODY_LIMIT", 50_000)
    response = upload(client, ("x.png", b"0" * 60_000), expected_status=413)
    assert "Alegeți-le pe rând" in error_summary(response)


def test_an_attached_file_can_be_removed_and_is_deleted(app):
    client, _, _ = signed_in_citizen(app)
    write(client)
    upload(client, ("a.png", png_bytes()), ("b.pdf", pdf_bytes()))
    page = client.get_page("petitions.files")
    remove = page.find("button", {"name": "action", "value": re.compile("^remove-")})
    client.post(
        "petitions.files",
        data={"csrf_token": token(client, "petitions.files"), "action": remove["value"]},
        expected_status=303,
    )
    assert [f.name for f in stored(app, StoredFile)] == ["b.pdf"]
    assert "a.png" not in client.get_page("petitions.check").get_text()
    send(client)
    (_petition,) = stored(app, Petition)
    assert len(stored(app, PetitionFile)) == 1


def test_continuing_without_files_and_choosing_nothing(app):
    client, _, _ = signed_in_citizen(app)
    write(client)
    response = upload(client, expected_status=400)
    assert "Alegeți un fișier" in error_summary(response)
    upload(client, action="continue")
    send(client)
    assert len(stored(app, Petition)) == 1


def test_sending_twice_gives_one_petition_and_the_same_confirmation(app):
    client, _, _ = signed_in_citizen(app)
    write(client)
    csrf = token(client, "petitions.check")
    first = client.post("petitions.check", data={"csrf_token": csrf}, expected_status=303)
    again = client.post("petitions.check", data={"csrf_token": csrf}, expected_status=303)
    assert first.location == again.location
    assert len(stored(app, Petition)) == 1
    assert len(stored(app, PetitionEvent)) == 1


def test_the_service_sends_a_draft_once(app):
    from webapp.petitions import service

    client, request, account = signed_in_citizen(app)
    write(client)
    (draft,) = stored(app, Draft)
    new = service.NewPetition(account.id, request.cnp, "X", "plata", "CJ", "t", "x", ())
    with app.test_request_context():
        session = app.extensions["db_sessionmaker"]()
        first = service.submit(session, new, dt.datetime.now(dt.UTC), draft.id)
        second = service.submit(session, new, dt.datetime.now(dt.UTC), draft.id)
        assert first.id == second.id
        session.close()
    assert len(stored(app, Petition)) == 1


def test_a_failure_while_sending_leaves_no_half_petition(app, monkeypatch):
    client, _, _ = signed_in_citizen(app)
    write(client)
    upload(client, ("a.png", png_bytes()))

    def broken(*args, **kwargs):
        raise RuntimeError("the outbox is down")

    monkeypatch.setattr("webapp.notifications.petition_events.announce", broken)
    send(client, expected_status=500)
    assert stored(app, Petition) == [] and stored(app, PetitionFile) == []
    assert stored(app, PetitionEvent) == [] and stored(app, Notification) == []
    monkeypatch.undo()
    send(client)  # the draft and its file are still there
    assert len(stored(app, PetitionFile)) == 1


def test_honeypot_is_refused(app):
    client, _, _ = signed_in_citizen(app)
    write(client)
    client.post(
        "petitions.check",
        data={"csrf_token": token(client, "petitions.check"), "website": "x"},
        expected_status=400,
    )
    assert stored(app, Petition) == []


def _sent_petition(app, client):
    write(client)
    upload(client, ("a.png", png_bytes()))
    send(client)
    (petition,) = stored(app, Petition)
    (item,) = stored(app, StoredFile)
    return petition, item


def test_only_the_owner_reaches_a_petition_and_its_files(app):
    owner, _, _ = signed_in_citizen(app, index=1)
    petition, item = _sent_petition(app, owner)
    download = owner.get("petitions.download", reference=petition.reference, uid=item.uid)
    assert download.headers["Content-Disposition"] == 'attachment; filename="a.png"'
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.data == png_bytes()
    assert petition.title in owner.get_page("petitions.show", reference=petition.reference).text
    other, _, _ = signed_in_citizen(app, index=2)
    for endpoint, values in (
        ("petitions.show", {}),
        ("petitions.confirmation", {}),
        ("petitions.download", {"uid": item.uid}),
    ):
        other.get(endpoint, expected_status=404, reference=petition.reference, **values)
    assert petition.reference not in other.get_page("petitions.index").get_text()
    # The file's uid under another petition's number is not found either.
    owner.get("petitions.download", expected_status=404, reference="PT-2026-999999", uid=item.uid)


def test_signed_out_people_are_sent_to_sign_in(app, client):
    response = client.get("/contul-meu/petitii/")
    assert response.status_code == 302 and "/autentificare" in response.location


def test_for_a_verified_administered_person_and_never_an_unverified_one(app):
    verified = natural_person_row()
    unverified = natural_person_row(cnp="1850505123457", first_name="Vasile")
    client, _request, _ = signed_in_citizen(app, persons=(verified, unverified), seen=(True, False))
    who = client.get_page("petitions.who")
    values = [i["value"] for i in who.find_all("input", {"name": "person"})]
    assert values == ["0", "1"]
    response = client.post("petitions.who", data={"csrf_token": token(client), "person": "2"})
    assert "Alegeți persoana din listă" in error_summary(response)
    client.get("petitions.correction", expected_status=404, query_string={"persoana": "2"})
    write(client, person="1")
    send(client)
    (petition,) = stored(app, Petition)
    assert petition.subject_cnp == verified["cnp"]
    assert petition.subject_name == "Țărănescu Ion"


def test_the_career_pages_correction_link_opens_the_form_pre_filled(app):
    from tests.builders import career_record_for_reports, career_rows_for_reports

    client, request, _ = signed_in_citizen(app)
    session = app.extensions["db_sessionmaker"]()
    career_rows_for_reports(session, career_record_for_reports(request.cnp))
    session.close()
    career = client.get_page("career.mine")
    form = career.find("form", action="/contul-meu/petitii/noua/corectura")
    assert form["method"] == "get"
    year = form.find("select").find_all("option")[3]["value"]
    response = client.get(
        "petitions.correction", expected_status=302, query_string={"persoana": "0", "an": year}
    )
    assert response.location.endswith("/contul-meu/petitii/noua")
    about = client.get_page("petitions.about")
    assert about.find("input", {"value": "corectura_stagiu"}).has_attr("checked")
    # Started again from the career page: the earlier draft's file goes with it.
    client.post(
        "petitions.about",
        data={
            "csrf_token": token(client, "petitions.about"),
            "category": "corectura_stagiu",
            "county_code": "CJ",
        },
        expected_status=303,
    )
    client.post(
        "petitions.text",
        data={"csrf_token": token(client, "petitions.text"), "subject": "S", "text": "T"},
        expected_status=303,
    )
    upload(client, ("a.png", png_bytes()))
    client.get("petitions.correction", expected_status=302, query_string={"an": year})
    assert stored(app, StoredFile) == []
    assert (
        "Corectarea stagiului de cotizare pe anul"
        in client.get_page("petitions.text").find("input", {"name": "subject"})["value"]
    )
    text = client.get_page("petitions.text")
    assert text.find("input", {"name": "subject"})["value"] == (
        f"Corectarea stagiului de cotizare pe anul {year}"
    )


def test_the_answer_is_shown_with_its_attachments(app):
    from webapp import files

    client, _, _ = signed_in_citizen(app)
    petition, _ = _sent_petition(app, client)
    session = app.extensions["db_sessionmaker"]()
    row = session.get(Petition, petition.id)
    row.status = "answered"
    row.answer_text = "Plata a fost refăcută.\nO primiți pe 15 decembrie."
    row.answered_at = dt.datetime.now(dt.UTC)
    answer = files.store(session, "raspuns.pdf", pdf_bytes())
    session.flush()
    session.add(PetitionFile(petition_id=row.id, file_id=answer.id, role="answer"))
    session.add(
        PetitionEvent(
            petition_id=row.id,
            action="answered",
            at=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1),
        )
    )
    session.commit()
    session.close()
    page = client.get_page("petitions.show", reference=petition.reference)
    text = page.get_text(" ")
    assert "Plata a fost refăcută." in text and "răspuns trimis" in text
    link = page.find("a", string="raspuns.pdf")
    assert client.get(link["href"]).data == pdf_bytes()
    history = [li.get_text() for li in page.select("ol.history li")]
    assert "Răspuns trimis" in history[0] and "Înregistrată" in history[1]  # newest first


def test_purging_old_drafts_deletes_their_unsent_files(app):
    from webapp import retention

    client, _, _ = signed_in_citizen(app)
    _petition, sent_file = _sent_petition(app, client)
    write(client, subject="A doua")
    upload(client, ("ciorna.png", png_bytes()))
    session = app.extensions["db_sessionmaker"]()
    for draft in session.scalars(select(Draft)):
        draft.updated_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=8)
    session.commit()
    with app.app_context():
        retention.delete_old_drafts(session, dt.datetime.now(dt.UTC), retention.Periods())
        session.commit()
    session.close()
    assert [f.uid for f in stored(app, StoredFile)] == [sent_file.uid]
    assert stored(app, Draft) == []


def test_sending_is_rate_limited(migrated):
    from webapp import create_app
    from webapp.db import Base

    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": migrated,
            "RATELIMIT_ENABLED": True,
            "PETITION_SUBMIT_RATE_LIMIT": "2 per minute",
        }
    )
    try:
        client, _, _ = signed_in_citizen(app)
        for subject in ("Unu", "Doi"):
            write(client, subject=subject)
            send(client)
        write(client, subject="Trei")
        send(client, expected_status=429)
        assert len(stored(app, Petition)) == 2
    finally:
        engine = app.extensions["db_engine"]
        with engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())
        engine.dispose()


def test_without_a_csrf_token_nothing_is_sent(app):
    client, _, _ = signed_in_citizen(app)
    write(client)
    client.post("petitions.check", data={}, expected_status=400)
    client.post(
        "petitions.files",
        data={"fisiere": [(io.BytesIO(png_bytes()), "a.png")]},
        content_type="multipart/form-data",
        expected_status=400,
    )
    assert stored(app, Petition) == [] and stored(app, StoredFile) == []


def test_htmx_validates_the_field_that_was_left(app):
    client, _, _ = signed_in_citizen(app)
    write(client)
    response = client.post(
        "petitions.text",
        data={"csrf_token": token(client, "petitions.text"), "subject": "", "text": "x"},
        headers={"HX-Request": "true", "X-Field": "subject"},
        expected_status=200,
    )
    assert response.headers["HX-Retarget"] == "#field-subject"
    assert "Scrieți subiectul petiției." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "query",
    [
        {"persoana": "²"},
        {"persoana": "99999999999999999999"},
        {"persoana": "0", "an": "²⁰²⁰"},
    ],
)
def test_odd_numbers_in_the_new_petition_links_are_not_errors(app, query):
    # "²" passes str.isdigit() but int() refuses it.
    client, _, _ = signed_in_citizen(app)
    status = 302 if query.get("an") else 404
    client.get("petitions.correction", expected_status=status, query_string=query)
    client.get("petitions.for_person", expected_status=404, query_string=query)
