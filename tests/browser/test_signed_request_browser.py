"""The e-signature route in Chromium, JavaScript on and off: from the confirmation to the upload
page, a plain PDF refused with its reason, the PDF signed by the applicant accepted; axe-core
finds nothing on any of these pages."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import FIRST_NAME, LAST_NAME, REFERENCE, submit_without_persons
from tests.qes_signing import id_scan_png, make_authority, make_signer, sign, trust

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_the_signed_request_is_uploaded_from_the_confirmation(
    browsing, live_app, tmp_path, javascript
):
    authority = make_authority("Autoritate QES de test")
    trust(live_app, tmp_path, authority)
    try:
        citizen = browsing.open(javascript=javascript)
        submit_without_persons(citizen)
        expect(citizen.locator("strong.reference")).to_have_text(REFERENCE)
        citizen.get_by_role(
            "link", name="Semnați electronic (semnătură electronică calificată)"
        ).click()
        expect(citizen.locator("h1")).to_have_text("Trimiteți cererea semnată electronic")
        browsing.assert_accessible(citizen, "upload page")

        pdf_link = citizen.get_by_role("link", name="Descărcați cererea (PDF)")
        pdf = citizen.context.request.get(pdf_link.get_attribute("href")).body()
        assert pdf.startswith(b"%PDF")
        plain, signed, scan = tmp_path / "cerere.pdf", tmp_path / "semnata.pdf", tmp_path / "ci.png"
        plain.write_bytes(pdf)
        signer = make_signer(authority, f"{FIRST_NAME} {LAST_NAME}")
        # pyHanko signs with asyncio.run, which cannot run in Playwright's own event loop.
        with ThreadPoolExecutor(1) as pool:
            signed.write_bytes(pool.submit(sign, pdf, signer).result())
        scan.write_bytes(id_scan_png())

        citizen.get_by_label("Cererea semnată electronic (PDF)").set_input_files(str(plain))
        citizen.get_by_label("Copia actului de identitate").set_input_files(str(scan))
        citizen.get_by_role("button", name="Trimiteți cererea semnată").click()
        expect(citizen.locator(".error-summary")).to_contain_text("nu are nicio semnătură")
        assert citizen.title().startswith("Eroare: ")
        browsing.assert_accessible(citizen, "unsigned PDF refused")

        citizen.get_by_label("Cererea semnată electronic (PDF)").set_input_files(str(signed))
        citizen.get_by_label("Copia actului de identitate").set_input_files(str(scan))
        citizen.get_by_role("button", name="Trimiteți cererea semnată").click()
        expect(citizen.get_by_role("status")).to_contain_text(
            "Am primit cererea semnată electronic"
        )
        browsing.assert_accessible(citizen, "signed request received")
    finally:
        live_app.config["QES_TRUST_ANCHORS"] = ()
