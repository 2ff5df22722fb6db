"""Flask's signed session cookie, with its serializer made once instead of twice a request.

Flask builds a new itsdangerous serializer to open the cookie and another to save it, and each
one serializes an empty dict to learn that its serializer writes text: about 2 % of a form
page. The serializer holds nothing but the keys and settings, so one made for the app's current
secret key (and fallbacks) signs and checks exactly as a new one would: the same cookie.
"""

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


class CookieSession(SecureCookieSessionInterface):
    def __init__(self) -> None:
        # (the keys it was made for, the serializer): one tuple, replaced whole, thread-safe.
        self._made: tuple = (None, None)

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        made_for, serializer = self._made
        if keys != made_for:
            # Another key (a test sets one) gets a serializer of its own, as before.
            serializer = super().get_signing_serializer(app)
            self._made = (keys, serializer)
        return serializer
