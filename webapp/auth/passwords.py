"""Password hashing with Werkzeug's scrypt. Hashes are never logged."""

from werkzeug.security import check_password_hash, generate_password_hash

METHOD = "scrypt:32768:8:1"
# Verifying against this when there is no account keeps the timing the same, so the response
# time does not reveal whether an email has an account.
_DUMMY = generate_password_hash("nu-exista-un-asemenea-cont", method=METHOD)


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=METHOD)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        check_password_hash(_DUMMY, password)
        return False
    return check_password_hash(password_hash, password)
