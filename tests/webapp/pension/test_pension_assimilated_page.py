"""The information page on assimilated periods says what art. 138 says, by period."""


def test_the_page_gives_the_minimum_wage_rule_before_april_2001_and_the_quarter_after(
    client_request,
):
    page = client_request.get_page("/pensie/perioade-asimilate")
    text = " ".join(page.get_text(" ").split())
    assert "înainte de 1 aprilie 2001" in text and "art. 138 alin. (2)" in text
    # Annex 8 and Annex 7: 1,500 / 2,827 in 1985 (the net average, art. 139(4)(b)).
    assert "1.500 ÷ 2.827 = 0,53060" in text
    assert "1.425 ÷ 2.238 = 0,63673" in text
    assert "din 1 aprilie 2001" in text and "art. 138 alin. (5)" in text
