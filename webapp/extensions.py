"""Flask extensions, created unbound and initialised in create_app."""

from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
htmx = HTMX()
# Storage errors come as limits.errors.StorageError, whatever the backend, so that
# webapp/rate_limits.py can give each limit its decided answer when Redis is down (F8).
limiter = Limiter(
    key_func=get_remote_address, default_limits=[], storage_options={"wrap_exceptions": True}
)
login_manager = LoginManager()
