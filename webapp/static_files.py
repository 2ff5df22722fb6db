"""Static files: kept a year under names that change with their content, sent compressed.

`make static` runs Flask-Static-Digest (`flask digest compile`): beside each file under static/
it writes a copy named after the MD5 of its content (css/site-<md5>.css), a gzip (.gz) and a
brotli (.br) version of both, and static/cache_manifest.json from plain to hashed names. Here
url_for("static", filename=...) gives the hashed name, so a browser on a slow phone keeps the
stylesheet and scripts a year without asking again: a changed file is a new name, never a stale
copy. The plain names still answer, for anything that links them directly, but are revalidated
on every use (max-age=0; the ETag makes that a 304 when nothing changed).

WhiteNoise picks the smallest encoding the browser accepts and answers conditional and range
requests. It serves from inside Flask's static view, not as middleware in front of the app, so
that static files get the host check, the security headers and the error pages of every other
response.

HTML is left uncompressed on purpose: pages carry CSRF tokens and personal data beside text an
attacker can make the page reflect, and compressing the two together leaks the secret through
the response's length (BREACH). So no compression middleware, here or in gunicorn.
"""

from pathlib import Path

from flask import Flask, current_app, request
from flask_static_digest import FlaskStaticDigest
from werkzeug.wsgi import wrap_file
from whitenoise import WhiteNoise
from whitenoise.responders import StaticFile

PREFIX = "/static/"
# Asked for at the site's root by browsers, crawlers and Lighthouse whatever the pages link.
ROOT_FILES = {"/favicon.ico": "favicon.ico", "/robots.txt": "robots.txt"}


class Files(WhiteNoise):
    # A year: the longest max-age HTTP/1.1 advised (RFC 2616 §14.21), and what browsers and
    # proxies keep in practice; WhiteNoise's own is ten years.
    FOREVER = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    """After the blueprints: Flask-Static-Digest reads the manifests of every static folder."""
    app.config.setdefault("FLASK_STATIC_DIGEST_COMPRESSION", ["gzip", "brotli"])
    digest = FlaskStaticDigest(app)
    hashed_names = digest.manifests.get("static", {})
    hashed_urls = {PREFIX + name for name in hashed_names.values()}
    files = Files(
        None,
        root=app.static_folder,
        prefix=PREFIX,
        max_age=0,
        # Nothing here is meant for other sites: no CORS header.
        allow_all_origins=False,
        immutable_file_test=lambda _path, url: url in hashed_urls,
    )
    folder = Path(app.static_folder)
    for url, name in ROOT_FILES.items():
        if (folder / name).is_file():
            files.add_file_to_dictionary(url, str(folder / name))
    app.extensions["static_files"] = files

    @app.url_defaults
    def _hashed_name(endpoint: str, values: dict) -> None:
        # Every url_for("static", ...) (templates included) gets the hashed name when there is
        # one; without a manifest (no `make static` yet) the plain name still works.
        if endpoint == "static" and "filename" in values:
            values["filename"] = hashed_names.get(values["filename"], values["filename"])

    plain_view = app.view_functions["static"]

    def static(filename: str):
        found = files.files.get(PREFIX + filename)
        if found is None:
            # Not there at start (added since, or missing): Flask's own view serves it or 404s.
            return plain_view(filename=filename)
        return _send(found)

    app.view_functions["static"] = static
    for url in ROOT_FILES:
        if url in files.files:
            endpoint = ROOT_FILES[url].replace(".", "_")  # favicon_ico, robots_txt
            app.add_url_rule(url, endpoint, lambda url=url: _send(files.files[url]))


def _send(found: StaticFile):
    answer = found.get_response(request.method, request.environ)
    body = () if answer.file is None else wrap_file(request.environ, answer.file)
    return current_app.response_class(
        body, status=int(answer.status), headers=list(answer.headers), direct_passthrough=True
    )
