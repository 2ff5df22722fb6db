"""Valid answers for the account-request forms, as a browser would post them."""

APPLICANT_CNP = "2580514123457"  # woman born 14.05.1958, county code 12


def identity(**overrides) -> dict:
    data = {
        "last_name": "Țărănescu",
        "first_name": "Ana-Maria Ștefania",
        "cnp": APPLICANT_CNP,
        "birth_date": "14.05.1958",
        "sex": "F",
        "id_type": "CI",
        "id_series": "CJ",
        "id_number": "123456",
        "id_issuer": "SPCLEP Cluj-Napoca",
        "id_issued_on": "02.03.2015",
        "id_expires_on": "",
        "county_code": "CJ",
        "locality": "Cluj-Napoca",
        "street": "Strada Avram Iancu",
        "street_number": "12A",
        "block": "",
        "staircase": "",
        "floor": "",
        "apartment": "",
        "postal_code": "400001",
        "phone": "0722 123 456",
        "email": "ana.taranescu@example.ro",
        "email_confirm": "ana.taranescu@example.ro",
        "office_code": "CJ",
        "website": "",
    }
    data.update(overrides)
    return data


def natural_person(index: int = 0, **overrides) -> dict:
    row = {
        "last_name": "Țărănescu",
        "first_name": "Ion",
        "cnp": "1800101123469",
        "legal_basis": "procura",
        "document_number": "1234",
        "document_date": "10.01.2024",
    }
    row.update(overrides)
    return {f"natural_persons-{index}-{key}": value for key, value in row.items()}


def legal_person(index: int = 0, **overrides) -> dict:
    row = {
        "name": "Asociația Pensionarilor Șoimii",
        "cui": "18547290",
        "role": "imputernicit",
        "document_number": "77",
        "document_date": "05.06.2023",
    }
    row.update(overrides)
    return {f"legal_persons-{index}-{key}": value for key, value in row.items()}
