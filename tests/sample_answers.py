"""The applicant's and the life certificate's answers as a browser posts them, and the same
answers as the account service stores them: plain data without imports, so that the load harness
(bench/locust/answers.py, which may import neither Locust nor the app) builds its answers from
the ones the tests use. Test modules import them from tests/builders.py."""

APPLICANT_CNP = "2580514123457"  # woman born 14.05.1958, county code 12
LIFE_CERTIFICATE_CNP = "2500514123451"  # woman born 14.05.1950


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
        "residence": "ro",
        "address_shown": "ro",
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


def _iso(day: str) -> str | None:
    """dd.mm.yyyy as the form posts it to yyyy-mm-dd as the service stores it; "" to None."""
    if not day:
        return None
    dd, mm, yyyy = day.split(".")
    return f"{yyyy}-{mm}-{dd}"


def as_stored(posted: dict) -> dict:
    """identity()'s answers as the account service stores them: without what only the pages
    use (the honeypot, the e-mail's confirmation, the address shown), dates in ISO form, and no
    persons administered."""
    stored = {
        key: _iso(value) if key in ("birth_date", "id_issued_on", "id_expires_on") else value
        for key, value in posted.items()
        if key not in ("website", "email_confirm", "address_shown")
    }
    stored["persons"] = []
    return stored


def life_certificate_answers(**overrides) -> dict:
    data = {
        "last_name": "Țărănescu",
        "first_name": "Ana-Maria Ștefania",
        "cnp": LIFE_CERTIFICATE_CNP,
        "birth_date": "14.05.1950",
        "pension_file": "123456/2019",
        "house_code": "DB",
        "country_code": "IT",
        "address_line1": "Via Giuseppe Garibaldi 128, int. 4",
        "address_line2": "00184 Roma",
        "address_line3": "",
        "phone": "0039 06 1234 5678",
        "email": "",
        "language": "it",
        "website": "",
    }
    return data | overrides
