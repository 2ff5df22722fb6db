"""What the load scenario (bench/locust/portal.py) and the bench's per-route measurements post:
answers with new valid CNPs, the page's CSRF token, and a loopback address per simulated person.
Imports neither Locust (which patches the standard library when imported) nor the app: the
answers are the tests' own (tests/sample_answers.py, plain data), with a new person's details."""

import datetime as dt
import itertools
import os
import random
import re
import sys
import threading
from pathlib import Path

from requests.adapters import HTTPAdapter
from stdnum.ro import cnp as cnp_rules

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests import sample_answers  # noqa: E402

# The pages of an account request before the persons it is made for (and its submission).
ACCOUNT_PAGES = (
    "/cont/cerere",
    "/cont/cerere/act-de-identitate",
    "/cont/cerere/adresa",
    "/cont/cerere/contact",
    "/cont/cerere/casa-de-pensii",
)

CSRF = re.compile(r'<input[^>]*name="csrf_token"[^>]*>')
VALUE = re.compile(r'value="([^"]+)"')

_addresses = itertools.count(1)
_address_lock = threading.Lock()
_rng = random.Random(int(os.environ.get("PORTAL_LOAD_SEED", "7")))


def random_cnp(rng: random.Random) -> tuple[str, dt.date, str]:
    """A valid CNP of a person born 1950–1966 (check digit by python-stdnum, as the site
    checks it), with the birth date and sex it encodes."""
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(17 * 365))
    sex = rng.choice("MF")
    county = rng.choice([*range(1, 47), 51, 52])
    base = f"{1 if sex == 'M' else 2}{birth:%y%m%d}{county:02d}{rng.randrange(1, 1000):03d}"
    return base + cnp_rules.calc_check_digit(base), birth, sex


def next_address() -> str:
    """A loopback address no other simulated person has had in this process."""
    if os.environ.get("PORTAL_LOAD_SHARED_ADDRESS") == "1":
        return "127.0.0.1"
    with _address_lock:
        n = next(_addresses)
    # Per Locust process: a second process (--processes) starts at another /8 corner.
    base = 1 + (os.getpid() % 50) * 4
    return f"127.{base + n // 62500 % 4}.{n // 250 % 250 + 1}.{n % 250 + 1}"


class SourceAddress(HTTPAdapter):
    """Connections that leave from one chosen local address."""

    def __init__(self, address: str, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def csrf_token(response) -> str:
    tag = CSRF.search(response.text)
    if tag is None:
        raise ValueError(f"no csrf_token on {response.url} ({response.status_code})")
    return VALUE.search(tag.group(0)).group(1)


def applicant_answers() -> dict:
    """An account request's answers as a browser posts them: a new valid CNP each time."""
    cnp, birth, sex = random_cnp(_rng)
    email = f"solicitant.{cnp}@example.ro"
    return sample_answers.identity(
        cnp=cnp,
        birth_date=f"{birth:%d.%m.%Y}",
        sex=sex,
        id_number=str(_rng.randrange(100000, 999999)),
        email=email,
        email_confirm=email,
    )


def life_certificate_answers() -> dict:
    cnp, birth, _sex = random_cnp(_rng)
    return sample_answers.life_certificate_answers(
        cnp=cnp,
        birth_date=f"{birth:%d.%m.%Y}",
        pension_file=f"{_rng.randrange(100000, 999999)}/2019",
    )
