"""Every printout module implements documents.Printout with the same signatures."""

import inspect

import pytest

import documents
from documents import account_request, life_certificate, payment_abroad, payment_request

MODULES = (account_request, payment_request, payment_abroad, life_certificate)
FUNCTIONS = ("build_context", "render_html", "render_pdf", "render_docx", "filename")


def protocol_signature(name: str) -> inspect.Signature:
    signature = inspect.signature(getattr(documents.Printout, name))
    return signature.replace(parameters=list(signature.parameters.values())[1:])  # without self


def test_the_protocol_has_the_five_functions():
    declared = [name for name in vars(documents.Printout) if not name.startswith("_")]
    assert sorted(declared) == sorted(FUNCTIONS)


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__)
@pytest.mark.parametrize("name", FUNCTIONS)
def test_each_printout_has_the_protocol_signatures(module, name):
    assert inspect.signature(getattr(module, name)) == protocol_signature(name)
