"""The application factory."""

from pathlib import Path

from flask import Flask

from forms.base import iter_fields
from webapp import auth, cli, database, errors, formatting, security_headers
from webapp.config import Config, config_class
from webapp.extensions import csrf, htmx, limiter
from webapp.proxies import TrustedProxyFix, check_proxy_settings
from webapp.rendering import has_errors

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: type[Config] | str | dict | None = None) -> Flask:
    """config: a Config class, an environment name, or a dict of overrides on top of PORTAL_ENV's."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    overrides = config if isinstance(config, dict) else {}
    if isinstance(config, type):
        cls = config
    else:
        cls = config_class(config if isinstance(config, str) else overrides.get("ENV_NAME"))
    app.config.from_object(cls(app.instance_path))
    app.config.update(overrides)
    app.config.setdefault("SITE_NAME", "Portal pensii")
    count, proxies = app.config["PROXY_COUNT"], app.config["TRUSTED_PROXIES"]
    check_proxy_settings(count, proxies)
    if count:
        # Behind N reverse proxies: the client address (for rate limits, the audit log) and
        # the https scheme come from their X-Forwarded-For and -Proto, if the peer is one of them.
        app.wsgi_app = TrustedProxyFix(app.wsgi_app, count, proxies)

    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals["has_errors"] = has_errors
    app.jinja_env.globals["form_fields"] = iter_fields

    database.init_app(app)
    limiter.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    auth.init_app(app)
    security_headers.init_app(app)
    formatting.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    _register_blueprints(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from webapp import account, activation, counter, home, my_account, sign_in, status
    from webapp.outbox import dev_page

    app.register_blueprint(home.bp)
    app.register_blueprint(account.bp)
    app.register_blueprint(sign_in.bp)
    app.register_blueprint(activation.bp)
    app.register_blueprint(my_account.bp)
    app.register_blueprint(counter.bp)
    app.register_blueprint(status.bp)
    from webapp import pension_api, pension_pages

    app.register_blueprint(pension_api.bp)
    from webapp import openapi

    app.register_blueprint(openapi.bp)
    app.register_blueprint(pension_pages.bp)
    from webapp import payment

    app.register_blueprint(payment.bp)
    from webapp import life_certificate

    app.register_blueprint(life_certificate.bp)
    from webapp import privacy

    app.register_blueprint(privacy.bp)
    dev_page.init_app(app)
