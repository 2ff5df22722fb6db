"""One template serves a page and its fragments.

A view renders the whole page, or only a named block of it when htmx asks (HX-Request) and the
request is neither boosted nor a history restore. The block comes with the page's <title>, which
htmx moves into the document, so an "Eroare:" title survives a partial update.

"Eroare: " starts the title of every page, and of every fragment, that shows a problem box (the
error summary, a sign-in or search that failed, the calculator's list of problems), and of no
other (WCAG 2.4.2, 3.3.1). It is decided here, from the markup itself, for the whole page
(layouts/base.html) and for a fragment alike, so no template has to remember it.
"""

import re

from flask import Response, current_app, make_response, redirect, render_template
from flask_babel import get_locale
from jinja2 import Undefined
from markupsafe import Markup

from forms.messages import translate, translating
from webapp.extensions import htmx


def wants_fragment() -> bool:
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


ERROR_PREFIX = "Eroare: "
PROBLEM_BOX = re.compile(r'class="(?:error-summary|result-problems)[" ]')


def error_prefix(html: str) -> str:
    """ "Eroare: " (in the page's language) when `html` shows a problem box."""
    return translate(ERROR_PREFIX) if PROBLEM_BOX.search(str(html)) else ""


# An htmx attribute (hx-post, hx-swap-oob…) on any element; text that merely mentions "hx-"
# has no "=" right after the name, and an extra match would only load htmx for nothing.
HTMX_ATTRIBUTE = re.compile(r"<[^>]*\shx-[a-z-]+[=\s>]")


def uses_htmx(html: str) -> bool:
    """Whether the page has anything for htmx to do.

    Pages without it skip the 51 KB script: on a slow phone its start-up alone costs about a tenth
    of a second of blocked main thread (Lighthouse's "unused JavaScript", issue 13), and with
    nothing to enhance the page behaves the same without it. portal.js still loads: its
    htmx listeners simply never fire.
    """
    return bool(HTMX_ATTRIBUTE.search(str(html)))


def render_page(
    template_name: str,
    block: str | None = None,
    status: int = 200,
    *,
    with_title: bool = True,
    **context,
):
    """`with_title=False` for a fragment of a part that does not change the page's state (the
    live password rules): without a <title> htmx leaves the document's own alone."""
    if block and wants_fragment():
        html = render_block(template_name, block, with_title=with_title, **context)
    else:
        html = render_template(template_name, **context)
    response = make_response(html, status)
    response.vary.add("HX-Request")
    if translating():
        # A page in another language says so in its headers too: a fragment has no <html lang>.
        response.headers["Content-Language"] = str(get_locale())
    return response


def render_block(template_name: str, block: str, *, with_title: bool = True, **context) -> str:
    env = current_app.jinja_env
    template = env.get_template(template_name)
    current_app.update_template_context(context)
    rendered = "".join(template.blocks[block](template.new_context(context)))
    if with_title and "title" in template.blocks:
        # The block's output is already escaped markup.
        title = "".join(template.blocks["title"](template.new_context(context))).strip()
        prefix = error_prefix(rendered)
        site = translate(current_app.config["SITE_NAME"])
        rendered = f"<title>{prefix}{title} – {site}</title>\n{rendered}"
    return rendered


def has_errors(form) -> bool:
    if form is None or isinstance(form, Undefined):
        return False
    return bool(form.errors or getattr(form, "list_errors", None))


def out_of_band(markup) -> Markup:
    """`markup` (one element with an id) to be swapped in place of its namesake by htmx."""
    html = str(markup).lstrip()
    name, _, rest = html.partition(" ")
    return Markup(f'{name} hx-swap-oob="true" {rest}')


def see_other(location: str) -> Response:
    """POST/redirect/GET; for htmx a full navigation, so the next page loads whole."""
    if htmx:
        response = make_response("", 204)
        response.headers["HX-Redirect"] = location
        response.vary.add("HX-Request")
        return response
    return redirect(location, code=303)
