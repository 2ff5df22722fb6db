"""The checks run on every fetched page catch what they are for: here, the "Eroare:" title rule."""

import pytest

from tests.page_checks import check_html

PAGE = (
    "<!doctype html><html lang='ro'><head><title>{title}</title></head>"
    "<body><main>{box}<h1>Autentificare</h1></main></body></html>"
)
BOX = (
    '<div class="error-summary" role="alert" aria-labelledby="t"><h2 id="t">A apărut o problemă'
    "</h2></div>"
)


def test_a_problem_box_under_an_error_title_passes():
    check_html(PAGE.format(title="Eroare: Autentificare – Portal pensii", box=BOX))
    check_html(PAGE.format(title="Autentificare – Portal pensii", box=""))


@pytest.mark.parametrize(
    ("title", "box", "complaint"),
    [
        ("Autentificare – Portal pensii", BOX, "a problem box under the title"),
        ("Eroare: Autentificare – Portal pensii", "", "without a problem box"),
        ("Eroare: Eroare: Autentificare – Portal pensii", BOX, "more than once"),
        (
            "Eroare: Calculați pensia – Portal pensii",
            '<ul class="result-problems"><li>x</li></ul>',
            "does not start with h1",
        ),
    ],
)
def test_a_title_that_hides_or_invents_a_problem_fails(title, box, complaint):
    with pytest.raises(AssertionError, match=complaint):
        check_html(PAGE.format(title=title, box=box))


def test_a_fragment_with_a_title_follows_the_same_rule():
    with pytest.raises(AssertionError, match="a problem box under the title"):
        check_html(f"<title>Autentificare – Portal pensii</title>{BOX}", fragment=True)
    check_html(f"<title>Eroare: Autentificare – Portal pensii</title>{BOX}", fragment=True)
