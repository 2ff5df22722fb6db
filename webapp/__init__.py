"""portal-pensii web application: the factory.

The shared machinery sits flat in this package (config, db, models, htmx rendering, questions,
drafts, jobs, errors, security, templating, cli); each area of the site is a package named after
its URL prefix and audience, with its routes in views.py, state changes in service.py and reads in
queries.py. Adding an area is one package and one line in BLUEPRINTS.
"""

from datetime import timedelta
from pathlib import Path

from flask import Flask

from webapp import (
    cli,
    errors,
    health,
    i18n,
    logging_setup,
    metrics,
    rate_limits,
    request_log,
    security,
    static_files,
    templating,
    url_converters,
)
from webapp import db as database
from webapp.account import signed as account_signed
from webapp.account import status as account_status
from webapp.account import views as account
from webapp.auth import activation, sign_in
from webapp.auth import users as auth
from webapp.career import views as career
from webapp.citizen import views as citizen
from webapp.config import Config, config_class
from webapp.cookie_session import CookieSession
from webapp.counter import career as counter_career
from webapp.counter import life_certificates as counter_life_certificates
from webapp.counter import persons as counter_persons
from webapp.counter import petitions as counter_petitions
from webapp.counter import signed as counter_signed
from webapp.counter import views as counter
from webapp.extensions import csrf, htmx
from webapp.home import views as home
from webapp.legal import views as legal
from webapp.life_certificate import upload as life_certificate_upload  # noqa: F401 (its routes)
from webapp.life_certificate import views as life_certificate
from webapp.notifications import views as notification_pages
from webapp.outbox import dev_page
from webapp.payment import views as payment
from webapp.payment_abroad import views as payment_abroad
from webapp.pension import api as pension_api
from webapp.pension import openapi as pension_openapi
from webapp.pension import pages as pension_pages
from webapp.persons import views as persons
from webapp.petitions import views as petitions
from webapp.printout_cache import init_app as init_printout_cache
from webapp.proxies import TrustedProxyFix, check_proxy_settings
from webapp.reports import views as reports

ROOT = Path(__file__).resolve().parent.parent

# Registration order is the order of url_map rules; kept as it was before the move.
BLUEPRINTS = (
    home.bp,
    account.bp,
    sign_in.bp,
    activation.bp,
    citizen.bp,
    career.bp,
    counter.bp,
    counter_career.bp,
    counter_petitions.bp,
    account_status.bp,
    pension_api.bp,
    pension_openapi.bp,
    pension_pages.bp,
    payment.bp,
    life_certificate.bp,
    legal.bp,
    reports.bp,
    reports.verify_bp,
    petitions.bp,
    persons.bp,
    counter_persons.bp,
    notification_pages.bp,
    payment_abroad.bp,
    account_signed.bp,
    counter_signed.bp,
    counter_life_certificates.bp,
)


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
    if not app.config.get("PERMANENT_SESSION_LIFETIME"):
        app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=app.config["DRAFT_MAX_AGE_DAYS"])
    logging_setup.configure(app.config)
    # Inside the proxy fix (it reads which peer relayed the request), hooks before the others'.
    request_log.init_app(app)
    count, proxies = app.config["PROXY_COUNT"], app.config["TRUSTED_PROXIES"]
    check_proxy_settings(count, proxies)
    if count:
        # Behind N reverse proxies: the client address (for rate limits, the audit log) and
        # the https scheme come from their X-Forwarded-For and -Proto, if the peer is one of them.
        app.wsgi_app = TrustedProxyFix(app.wsgi_app, count, proxies)

    app.session_interface = CookieSession()
    app.jinja_environment = templating.PortalEnvironment
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    database.init_app(app)
    rate_limits.init_app(app)
    init_printout_cache(app)
    csrf.init_app(app)
    htmx.init_app(app)
    auth.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    url_converters.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    dev_page.init_app(app)
    static_files.init_app(app)
    # Last: /healthz and /readyz are answered in front of everything above (webapp/health.py).
    health.init_app(app)
    # Outermost: /metrics is answered by the peer that connected, before anything else runs.
    metrics.init_app(app)
    return app
