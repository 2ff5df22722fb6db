"""The home page: the list of services."""

from flask import Blueprint

from webapp.htmx import render_page

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    return render_page("pages/home/index.html")
