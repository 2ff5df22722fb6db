"""The code lists: one list of pairs each, and dict views that agree with them."""

import datetime as dt

import pytest

from domain import account_requests, codes

LISTS = {
    "ID_TYPES": (codes.ID_TYPES, codes.ID_TYPE_LABELS),
    "SEXES": (codes.SEXES, codes.SEX_LABELS),
    "LEGAL_BASES": (codes.LEGAL_BASES, codes.LEGAL_BASIS_LABELS),
    "LEGAL_ROLES": (codes.LEGAL_ROLES, codes.LEGAL_ROLE_LABELS),
    "FILERS": (codes.FILERS, None),
    "REQUEST_STATUSES": (codes.REQUEST_STATUSES, codes.STATUS_LABELS),
    "AUDIT_ACTIONS": (codes.AUDIT_ACTIONS, codes.ACTION_LABELS),
    "AUDIT_DETAILS": (codes.AUDIT_DETAILS, codes.DETAIL_LABELS),
    "CAREER_CONDITIONS": (codes.CAREER_CONDITIONS, codes.CONDITION_LABELS),
}


@pytest.mark.parametrize("name", LISTS)
def test_each_list_has_unique_codes_and_labels_and_no_placeholder(name):
    pairs, view = LISTS[name]
    found = [code for code, _ in pairs]
    assert len(set(found)) == len(found)
    assert all(code and label and label == label.strip() for code, label in pairs)
    assert len({label for _, label in pairs}) == len(pairs)
    if view is not None:
        assert view == dict(pairs)
        assert list(view) == found  # the view keeps the list's order


def test_labels_of_the_printouts_and_pages():
    assert codes.ID_TYPE_LABELS["CIE"] == "Carte electronică de identitate"
    assert codes.SEX_LABELS == {"F": "Femeie", "M": "Bărbat"}
    assert codes.LEGAL_BASIS_LABELS["consiliere_judiciara"] == "Consiliere judiciară"
    assert codes.LEGAL_ROLE_LABELS["imputernicit"] == "Împuternicit"
    assert codes.STATUS_LABELS["expired"] == "Expirată, neînregistrată la timp"
    assert codes.ACTION_LABELS["release"] == "A închis o cerere cu același CNP sau e-mail"


def test_the_filers_are_the_pensioner_and_the_two_kinds_of_representative():
    assert [code for code, _ in codes.FILERS] == [
        codes.SELF,
        codes.LEGAL_REPRESENTATIVE,
        codes.AUTHORISED,
    ]
    # The account request's roles use the same codes for the same two capacities.
    assert {codes.LEGAL_REPRESENTATIVE, codes.AUTHORISED} == set(codes.LEGAL_ROLE_LABELS)


def test_request_statuses_and_transitions():
    assert account_requests.STATUSES == (
        "submitted",
        "registered",
        "approved",
        "rejected",
        "expired",
    )
    assert set(account_requests.OPEN_STATUSES) <= set(account_requests.STATUSES)
    for action, (sources, target) in account_requests.TRANSITIONS.items():
        assert action in codes.ACTION_LABELS
        assert set(sources) <= set(account_requests.OPEN_STATUSES)
        assert target in account_requests.STATUSES and target not in sources


def test_counter_documents():
    answers = {
        "persons": [
            {
                "kind": "natural",
                "last_name": "Pop",
                "first_name": "Ana",
                "legal_basis": "tutela",
                "document_number": "12",
                "document_date": "2024-03-05",
            },
            {
                "kind": "legal",
                "name": "Firma SRL",
                "role": "reprezentant_legal",
                "document_number": "7/2023",
                "document_date": "2023-11-30",
            },
        ]
    }
    assert account_requests.counter_documents(answers) == [
        "pentru Pop Ana: hotărârea instanței de numire a tutorelui, nr. 12 din 05.03.2024, "
        "în original",
        "pentru Firma SRL: documentul care arată că sunteți reprezentant legal, nr. 7/2023 "
        "din 30.11.2023, în original",
    ]
    assert account_requests.counter_documents({}) == []


def test_sex_has_one_wording_in_the_calculator_and_the_account_forms():
    """m6: "Feminin/Masculin" in one form and "Femeie/Bărbat" in another made two words for one
    answer."""
    from forms.pension import sex_radio

    calculator = sex_radio("Sexul").kwargs["choices"]
    assert [(choice.value, choice.label) for choice in calculator] == list(codes.SEXES)
    assert dict(codes.SEXES) == {"F": "Femeie", "M": "Bărbat"}


def test_a_document_number_typed_with_its_name_is_not_numbered_again():
    """m4: "…reprezentant legal nr. Decizia 7/2025" read oddly."""
    on = dt.date(2025, 2, 1)
    assert (
        account_requests.document_reference("Decizia 7/2025", on) == "Decizia 7/2025 din 01.02.2025"
    )
    assert account_requests.document_reference("7/2025", on) == "nr. 7/2025 din 01.02.2025"


def test_every_legal_basis_names_its_document():
    assert set(codes.LEGAL_BASIS_DOCUMENT_LABELS) == set(codes.LEGAL_BASIS_LABELS)
