"""What every question page shares: the honeypot check and the one-field fragment for htmx."""

from flask import Response, abort, current_app, render_template, request

from forms.base import find_field


def refuse_bots(form=None) -> None:
    """A bot filled the hidden field: refuse without saying why."""
    if request.form.get("website"):
        current_app.logger.info("Honeypot filled on %s", request.path)
        abort(400)


def field_fragment(form, name: str):
    """Only the wrapper of the field that was left, swapped in place of the old one."""
    field = find_field(form, name)
    if field is None:
        abort(400)
    response = Response(render_template("components/field_fragment.html", f=field))
    response.headers["HX-Retarget"] = f"#field-{field.id}"
    response.headers["HX-Reswap"] = "outerHTML"
    response.vary.add("HX-Request")
    return response
