"""The citizen's account area."""

from flask import Blueprint
from flask_login import current_user

from webapp.auth.users import citizen_required
from webapp.htmx import render_page

bp = Blueprint("my_account", __name__, url_prefix="/contul-meu")


@bp.get("/")
@citizen_required
def index():
    account = current_user.account
    return render_page("pages/my_account/index.html", account=account, request=account.request)
