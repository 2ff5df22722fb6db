"""The legal pages (B4): each reads the operator from configuration and says plainly which
setting is missing instead of inventing a name, an address or a date."""

from flask import Blueprint, current_app, request

from domain import ro
from domain.reference.counties import CNPP_URL, all_counties, by_code
from webapp import retention
from webapp.htmx import render_page
from webapp.legal import accessibility as statement
from webapp.legal.operator import current_operator

bp = Blueprint("legal", __name__)


@bp.get("/declaratia-de-accesibilitate")
def accessibility():
    operator = current_operator()
    return render_page(
        "pages/legal/accessibility.html",
        operator=operator,
        standard=statement.STANDARD,
        problems=statement.KNOWN_PROBLEMS,
        prepared_on=ro.long_date(operator.statement_date) if operator.statement_date else None,
    )


@bp.get("/protectia-datelor")
def privacy():
    periods = retention.Periods.from_config(current_app.config)
    return render_page(
        "pages/legal/privacy.html", operator=current_operator(), rules=retention.rules(periods)
    )


@bp.get("/cookie-uri")
def cookies():
    config = current_app.config
    lifetime = current_app.permanent_session_lifetime
    return render_page(
        "pages/legal/cookies.html",
        cookie_name=config["SESSION_COOKIE_NAME"],
        lifetime=ro.count(lifetime.days, "zi", "zile", single="o zi")
        if lifetime.days
        else ro.count(int(lifetime.total_seconds() // 3600), "oră", "ore", single="o oră"),
        draft_days=ro.count(int(config["DRAFT_MAX_AGE_DAYS"]), "zi", "zile", single="o zi"),
        idle=ro.count(int(config["SESSION_IDLE_MINUTES"]), "minut", "minute", single="un minut"),
    )


@bp.get("/contact")
def contact():
    # A code not in the list (a typed or stale URL) shows the chooser alone, as with none.
    house = by_code().get(request.args.get("casa", ""))
    return render_page(
        "pages/legal/contact.html",
        operator=current_operator(),
        counties=all_counties(),
        house=house,
        cnpp_url=CNPP_URL,
    )


@bp.get("/despre")
def about():
    return render_page("pages/legal/about.html", operator=current_operator(), cnpp_url=CNPP_URL)
