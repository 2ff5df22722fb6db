"""Error pages in Romanian. A client error never becomes a 500."""

from flask import Flask, jsonify, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from webapp.rendering import render_page

MESSAGES = {
    400: (
        "Cererea nu a putut fi citită",
        "Datele trimise nu au putut fi citite. Întoarceți-vă la pagina anterioară și încercați din nou.",
    ),
    403: (
        "Nu aveți acces la această pagină",
        "Pagina este disponibilă doar persoanei care a trimis cererea, din același browser, sau personalului casei de pensii.",
    ),
    404: (
        "Pagina nu a fost găsită",
        "Verificați adresa paginii. Dacă ați folosit o legătură dintr-un e-mail, este posibil să fi fost copiată incomplet.",
    ),
    405: (
        "Acțiunea nu este permisă",
        "Pagina nu acceptă acest tip de cerere. Întoarceți-vă la pagina anterioară.",
    ),
    413: (
        "Datele trimise sunt prea mari",
        "Formularul a trimis mai multe date decât acceptăm. Scurtați textele lungi și încercați din nou.",
    ),
    429: (
        "Prea multe încercări",
        "Ați trimis prea multe cereri într-un timp scurt. Așteptați câteva minute și încercați din nou.",
    ),
    500: (
        "A apărut o problemă tehnică",
        "Nu am putut finaliza acțiunea. Datele trimise nu s-au pierdut dacă ați primit un număr de referință. Încercați din nou peste câteva minute.",
    ),
}

CSRF_MESSAGE = (
    "Formularul a expirat",
    "Din motive de securitate, formularul trebuie retrimis din pagina site-ului. "
    "Întoarceți-vă la pagina anterioară, reîncărcați-o și trimiteți din nou.",
)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def _render(status: int, heading: str, message: str):
    response = render_page(
        "pages/errors/error.html", status=status, heading=heading, message=message, code=status
    )
    if status == 413:
        # The client may still be sending; do not keep the connection for the rest of it.
        response.headers["Connection"] = "close"
    return response


def _csrf_error(error: CSRFError):
    return _render(400, *CSRF_MESSAGE)


def _http_error(error: HTTPException):
    code = error.code or 500
    if request.path.startswith("/api/"):
        # API clients read JSON, whatever went wrong.
        message = MESSAGES.get(code, (error.name, ""))[0]
        return jsonify({"error": {"parameter": None, "message": message}}), code
    heading, message = MESSAGES.get(code, (error.name, error.description or ""))
    response = _render(code, heading, message)
    if code == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _unexpected_error(error: Exception):
    from flask import current_app

    current_app.logger.exception("Unhandled error")
    return _render(500, *MESSAGES[500])
