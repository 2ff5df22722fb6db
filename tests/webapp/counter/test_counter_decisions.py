"""Who may decide on a request at the counter (F2): the registering county, and someone other
than the clerk who registered it, except a supervisor, whose own approval is marked in the audit
log. Browsing the queue leaves a trace."""

import datetime as dt

import pytest

from tests.builders import (
    add_request,
    as_staff,
    error_summary,
    post_action,
    register_data,
    stored,
)
from webapp.counter import service as counter_actions
from webapp.counter.service import ActionRefused
from webapp.models import AccountRequest, AuditEvent, StaffMember


def forms_on(page, reference) -> set[str]:
    prefix = f"/ghiseu/cerere/{reference}/"
    return {
        form["action"].removeprefix(prefix)
        for form in page.find_all("form", action=True)
        if form["action"].startswith(prefix)
    }


def registered_in_bucharest(app):
    boss, _ = as_staff(app, email="sef@cmbp.ro", county="B", role="supervisor")
    reference = add_request(app, office="B")
    post_action(boss, reference, "inregistrare", expected_status=303, **register_data())
    return reference


def test_a_cluj_clerk_cannot_approve_or_reject_a_request_registered_in_bucharest(app):
    reference = registered_in_bucharest(app)
    clerk, _ = as_staff(app, email="functionar@cjpcluj.ro", county="CJ")
    page = clerk.get_page(f"/ghiseu/cerere/{reference}")
    # No button the clerk cannot use, and the reason instead.
    assert not forms_on(page, reference) & {"aprobare", "respingere"}
    assert (
        "Cererea a fost înregistrată la Casa de Pensii a Municipiului București. Aprobarea "
        "sau respingerea o face un coleg de acolo."
    ) in page.get_text(" ")

    response = post_action(clerk, reference, "aprobare", expected_status=200)
    assert "o face un coleg de acolo" in error_summary(response)
    response = post_action(clerk, reference, "respingere", expected_status=200, reason="Nu.")
    assert "o face un coleg de acolo" in error_summary(response)
    request = stored(app, AccountRequest)[0]
    assert request.status == "registered" and request.decided_by_id is None
    assert not stored(app, AuditEvent, AuditEvent.action.in_(("approve", "reject")))


def test_the_refusal_is_in_the_service_not_only_in_the_view(app):
    reference = registered_in_bucharest(app)
    _, member = as_staff(app, email="functionar@cjpcluj.ro", county="CJ")
    with app.test_request_context():
        session = app.extensions["db_sessionmaker"]()
        request = session.query(AccountRequest).filter_by(reference=reference).one()
        clerk = session.get(StaffMember, member.id)
        for action in (
            lambda: counter_actions.approve(session, request, clerk, remote_addr=None, now=_now()),
            lambda: counter_actions.reject(
                session, request, clerk, reason="x", remote_addr=None, now=_now()
            ),
        ):
            with pytest.raises(ActionRefused, match="coleg de acolo"):
                action()
        session.close()
    assert stored(app, AccountRequest)[0].status == "registered"


def test_the_clerk_who_registered_cannot_approve_it_a_colleague_can(app):
    registrar, member = as_staff(app, email="ana@cjpcluj.ro", county="CJ")
    reference = add_request(app)
    post_action(registrar, reference, "inregistrare", expected_status=303, **register_data())
    page = registrar.get_page(f"/ghiseu/cerere/{reference}")
    assert not forms_on(page, reference) & {"aprobare", "respingere"}
    text = page.get_text(" ")
    assert "Ați înregistrat dumneavoastră această cerere" in text
    assert "un alt coleg de la Casa Județeană de Pensii Cluj" in text
    response = post_action(registrar, reference, "aprobare", expected_status=200)
    assert "Ați înregistrat dumneavoastră această cerere" in error_summary(response)
    response = post_action(registrar, reference, "respingere", expected_status=200, reason="X.")
    assert "Ați înregistrat dumneavoastră această cerere" in error_summary(response)
    assert stored(app, AccountRequest)[0].status == "registered"

    colleague, other = as_staff(app, email="ion@cjpcluj.ro", county="CJ")
    assert {"aprobare", "respingere"} <= forms_on(
        colleague.get_page(f"/ghiseu/cerere/{reference}"), reference
    )
    post_action(colleague, reference, "aprobare", expected_status=303)
    request = stored(app, AccountRequest)[0]
    assert request.status == "approved"
    assert (request.registered_by_id, request.decided_by_id) == (member.id, other.id)


def test_a_supervisor_may_approve_their_own_registration_and_the_log_says_so(app):
    boss, member = as_staff(app, email="sef@cjpcluj.ro", county="CJ", role="supervisor")
    reference = add_request(app)
    post_action(boss, reference, "inregistrare", expected_status=303, **register_data())
    assert "aprobare" in forms_on(boss.get_page(f"/ghiseu/cerere/{reference}"), reference)
    post_action(boss, reference, "aprobare", expected_status=303)
    approval = stored(app, AuditEvent, AuditEvent.action == "approve")[0]
    assert approval.staff_id == member.id and approval.details == {"own_registration": True}
    log = boss.get_page("/ghiseu/jurnal", query_string={"action": "approve"}).get_text(" ")
    assert "a decis asupra unei cereri înregistrate chiar de el" in log


def test_a_request_not_yet_registered_may_be_rejected_at_any_counter(app):
    clerk, _ = as_staff(app, county="IS", email="ion@cjpiasi.ro")
    reference = add_request(app, office="B")
    post_action(clerk, reference, "respingere", expected_status=303, reason="Nu a venit.")
    assert stored(app, AccountRequest)[0].status == "rejected"


def test_browsing_the_queue_is_audited_with_its_filter_and_page(app):
    clerk, member = as_staff(app)
    for index in range(1, 28):
        add_request(app, index, office="B")
    clerk.get_page("/ghiseu/", query_string={"stare": "toate", "pagina": "2"})
    clerk.get("/ghiseu/", headers={"HX-Request": "true"}, expected_status=200)
    events = stored(app, AuditEvent, AuditEvent.action == "queue")
    assert [(e.staff_id, e.request_id, e.details) for e in events] == [
        (member.id, None, {"filter": "toate", "page": 2}),
        (member.id, None, {"filter": "deschise", "page": 1}),
    ]
    boss, _ = as_staff(app, email="sef@cjpcluj.ro", role="supervisor")
    log = boss.get_page("/ghiseu/jurnal", query_string={"action": "queue"})
    assert "A răsfoit lista cererilor" in log.get_text(" ")
    assert "lista: toate; pagina: 2" in log.get_text(" ")
    options = [o["value"] for o in log.find("select", id="action").find_all("option")]
    assert "queue" in options


def _now():
    return dt.datetime.now(dt.UTC)
