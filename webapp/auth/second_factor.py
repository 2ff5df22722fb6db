"""The staff's second factor: a TOTP code (RFC 6238, an authenticator app) after the password,
or one of ten single-use recovery codes.

A code is accepted once: the time step it belongs to is recorded (totp_last_step) by a
conditional UPDATE, so a replay, even a simultaneous one, is refused. Recovery codes are long
random strings, stored only as SHA-256 hashes (their entropy makes a slow hash unnecessary).
"""

import datetime as dt
import hashlib
import hmac
import secrets

import pyotp
from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from webapp.models import StaffMember

ISSUER = "Portal pensii"
RECOVERY_CODES = 10
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# One step either side: a phone clock a little off still works.
VALID_WINDOW = 1


def enrol(member: StaffMember) -> tuple[str, list[str]]:
    """A new secret and new recovery codes for the member; returns the otpauth:// URI and the
    codes, to be shown once. The caller commits."""
    member.totp_secret = pyotp.random_base32()
    member.totp_last_step = None
    codes = [_recovery_code() for _ in range(RECOVERY_CODES)]
    member.recovery_codes = [_digest(code) for code in codes]
    return provisioning_uri(member), codes


def provisioning_uri(member: StaffMember) -> str:
    return pyotp.TOTP(member.totp_secret).provisioning_uri(name=member.email, issuer_name=ISSUER)


def is_enrolled(member: StaffMember) -> bool:
    return bool(member.totp_secret)


def verify(session: Session, member: StaffMember, code: str, now: dt.datetime) -> bool:
    """True once for a current TOTP code or an unused recovery code; commits what it uses."""
    typed = "".join(code.split()).replace("-", "").upper()
    if not typed.isascii():
        return False  # hmac.compare_digest refuses non-ASCII text
    if typed.isdigit() and len(typed) == 6:
        return _verify_totp(session, member, typed, now)
    return _use_recovery_code(session, member, typed)


def _verify_totp(session: Session, member: StaffMember, typed: str, now: dt.datetime) -> bool:
    totp = pyotp.TOTP(member.totp_secret)
    current = totp.timecode(now)
    for step in range(current - VALID_WINDOW, current + VALID_WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), typed):
            used = session.execute(
                update(StaffMember)
                .where(
                    StaffMember.id == member.id,
                    or_(StaffMember.totp_last_step.is_(None), StaffMember.totp_last_step < step),
                )
                .values(totp_last_step=step)
                .execution_options(synchronize_session=False)
            )
            session.commit()
            return used.rowcount == 1
    return False


def _use_recovery_code(session: Session, member: StaffMember, typed: str) -> bool:
    digest = _digest(typed)
    remaining = list(member.recovery_codes or [])
    if not any(hmac.compare_digest(digest, stored) for stored in remaining):
        return False
    member.recovery_codes = [stored for stored in remaining if stored != digest]
    session.commit()
    return True


def remaining_recovery_codes(member: StaffMember) -> int:
    return len(member.recovery_codes or [])


def _recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def _digest(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").upper().encode()).hexdigest()
