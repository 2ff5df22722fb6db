"""Signed, timed tokens for links in emails: one salt per purpose, max age from the config.

An account's token carries a fingerprint of the account's current password state, so it works
once: after a password is set, the same link no longer matches. A request's download token
(make_request_token) names the request and may be used as often as needed while it lasts.
"""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

PURPOSES = {
    "activation": ("portal-pensii.activation.v1", "ACTIVATION_MAX_AGE_SECONDS"),
    "password-reset": ("portal-pensii.password-reset.v1", "PASSWORD_RESET_MAX_AGE_SECONDS"),
    "request-download": ("portal-pensii.request-download.v1", "REQUEST_DOWNLOAD_MAX_AGE_SECONDS"),
    "life-certificate-status": (
        "portal-pensii.life-certificate-status.v1",
        "LIFE_CERTIFICATE_STATUS_MAX_AGE_SECONDS",
    ),
}


class TokenExpired(Exception):
    def __init__(self, payload: dict | None):
        super().__init__("expired")
        self.payload = payload


class TokenInvalid(Exception):
    pass


def state_fingerprint(password_hash: str | None) -> str:
    return hashlib.sha256((password_hash or "no-password").encode()).hexdigest()[:16]


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    salt, _ = PURPOSES[purpose]
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def make_token(purpose: str, account_id: int, password_hash: str | None) -> str:
    return _serializer(purpose).dumps({"a": account_id, "s": state_fingerprint(password_hash)})


def make_request_token(request_id: int, reference: str) -> str:
    """For the link in the submission email that downloads the request from any device."""
    return _serializer("request-download").dumps({"i": request_id, "r": reference})


def make_life_certificate_token(upload_id: int, reference: str) -> str:
    """For the status link of a life certificate sent online (the receipt e-mail)."""
    return _serializer("life-certificate-status").dumps({"i": upload_id, "r": reference})


def max_age(purpose: str) -> int:
    config = current_app.config
    seconds = config[PURPOSES[purpose][1]]
    if purpose == "request-download":
        # An unregistered request expires after ACCOUNT_REQUEST_UNREGISTERED_DAYS: a link that
        # outlived it would promise a printout the counter can no longer register.
        seconds = min(seconds, config["ACCOUNT_REQUEST_UNREGISTERED_DAYS"] * 24 * 3600)
    return seconds


def read_token(purpose: str, token: str) -> dict:
    """The payload, or TokenExpired (with the payload, for a resend) or TokenInvalid."""
    serializer = _serializer(purpose)
    try:
        return serializer.loads(token, max_age=max_age(purpose))
    except SignatureExpired as error:
        payload = None
        if error.payload is not None:
            try:
                payload = serializer.load_payload(error.payload)
            except BadSignature:
                payload = None
        raise TokenExpired(payload) from None
    except BadSignature:
        raise TokenInvalid from None
