import pytest

from domain.signer_names import certificate_names, name_parts, same_person_name


def test_parts_drop_diacritics_case_hyphens_and_order():
    assert name_parts("Țărănescu Ana-Maria Ștefania") == ("ana", "maria", "stefania", "taranescu")
    assert name_parts("  ") == ()
    assert name_parts(None) == ()


@pytest.mark.parametrize(
    "stated",
    [
        "ȚĂRĂNESCU ANA-MARIA ȘTEFANIA",
        "TARANESCU ANA MARIA STEFANIA",
        "Ana-Maria Ştefania Ţărănescu",  # an older certificate, with cedillas
        "ana maria stefania taranescu",
        "Ștefania Ana-Maria Țărănescu",
    ],
)
def test_the_applicants_name_however_the_certificate_spells_it(stated):
    assert same_person_name([stated], "Țărănescu", "Ana-Maria Ștefania")


@pytest.mark.parametrize(
    "stated",
    [
        "Ion Popescu",
        "Țărănescu Ana-Maria",  # a name missing: possibly another person
        "Țărănescu Ana-Maria Ștefania Ioana",  # a name too many
        "Tarnescu Ana-Maria Stefania",
        "",
    ],
)
def test_someone_elses_name_does_not_match(stated):
    assert not same_person_name([stated], "Țărănescu", "Ana-Maria Ștefania")


def test_given_name_and_surname_are_a_name_of_their_own():
    stated = certificate_names("Semnătură calificată 0042", "Ana-Maria Ștefania", "Țărănescu")
    assert stated == ["Semnătură calificată 0042", "Ana-Maria Ștefania Țărănescu"]
    assert same_person_name(stated, "Țărănescu", "Ana-Maria Ștefania")
    assert certificate_names(None, "Ana", None) == []


def test_an_empty_applicant_matches_nobody():
    assert not same_person_name([""], "", "")
