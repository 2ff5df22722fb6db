"""The persons of a request as approval stores them: every one in order, verified only where the
checklist says the document was seen, with the wording of the basis and the document."""

from domain.administered_persons import basis_label, document_text, entries

NATURAL = {
    "kind": "natural",
    "last_name": "Popescu",
    "first_name": "Ștefan",
    "cnp": "1800101123469",
    "legal_basis": "curatela",
    "document_number": "312",
    "document_date": "2024-02-29",
}
LEGAL = {
    "kind": "legal",
    "name": " Asociația Pensionarilor Șoimii ",
    "cui": "18547290",
    "role": "reprezentant_legal",
    "document_number": "77",
    "document_date": "2023-06-05",
}


def test_every_person_in_order_verified_only_where_seen():
    found = entries(
        {"persons": [NATURAL, LEGAL, NATURAL | {"cnp": "2900101123454"}]},
        {"persons": [{"seen": True}, {"seen": False}]},
    )
    assert [(e.number, e.kind, e.verified) for e in found] == [
        (1, "natural", True),
        (2, "legal", False),
        (3, "natural", False),  # no checklist entry: not seen
    ]
    assert (found[0].cnp, found[0].cui, found[0].name) == ("1800101123469", None, "Popescu Ștefan")
    assert (found[1].cnp, found[1].cui, found[1].name) == (
        None,
        "18547290",
        "Asociația Pensionarilor Șoimii",
    )
    assert (found[0].basis, found[1].basis) == ("curatela", "reprezentant_legal")


def test_no_checklist_or_odd_entries_verify_nobody():
    assert [e.verified for e in entries({"persons": [NATURAL]}, None)] == [False]
    assert [e.verified for e in entries({"persons": [NATURAL]}, {"persons": ["da"]})] == [False]
    # A row of an unknown kind keeps the others' numbers as in the request.
    found = entries({"persons": [{"kind": "other"}, NATURAL]}, {"persons": [{}, {"seen": True}]})
    assert [(e.number, e.verified) for e in found] == [(2, True)]
    assert entries({}, {}) == []


def test_the_document_and_basis_in_words():
    assert document_text(NATURAL) == "Curatelă nr. 312 din 29.02.2024"
    assert document_text(LEGAL) == "Document de reprezentant legal nr. 77 din 05.06.2023"
    assert document_text(NATURAL | {"document_date": "10.01.2024"}).endswith("din 10.01.2024")
    assert basis_label("natural", "parinte") == "Părinte al unui minor"
    assert basis_label("legal", "imputernicit") == "Împuternicit"
    assert basis_label("natural", "necunoscut") == "necunoscut"
