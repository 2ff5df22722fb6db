"""The meta description of each main page, by endpoint: what a search result shows under the
title. Pages not listed get DEFAULT; the pension information pages use their own summary."""

from flask import request

from forms.messages import N_
from webapp.pension.pages import TOPICS

DEFAULT = (
    "Servicii online pentru pensiile publice din România: cereri pentru casa de pensii "
    "completate online, calculul pensiei și certificatul de viață."
)
DESCRIPTIONS = {
    "home.index": DEFAULT,
    "account.start": "Cereți un cont online la casa de pensii: petiții electronice, rapoarte despre cariera de asigurat și notificări.",
    "account.identity": "Completați online cererea de cont la casa de pensii, apoi o tipăriți și o depuneți la ghișeu.",
    "status.status": "Verificați stadiul cererii de cont online cu numărul de referință primit la trimitere.",
    "sign_in.sign_in": "Autentificare în contul online al casei de pensii, pentru pensionari, asigurați și personalul caselor de pensii.",
    "pension_pages.index": "Calculați pensia după Legea nr. 360/2023 și aflați cum se stabilesc punctajul, termenele, impozitul și CASS.",
    "pension_pages.calculator": "Estimați pensia publică pas cu pas după Legea nr. 360/2023, cu articolul de lege pentru fiecare pas.",
    "payment.start": "Cereți plata pensiei pe card sau în cont bancar: cererea completată online, gata de tipărit și de trimis.",
    "payment.pensioner": "Completați cererea de plată a pensiei în cont bancar, cu IBAN-ul verificat, gata de tipărit.",
    "payment_abroad.start": "Cereți transferul pensiei într-un cont bancar din străinătate: declarația completată online, gata de tipărit și de trimis.",
    "payment_abroad.pensioner": "Completați declarația de transfer al pensiei în străinătate, cu IBAN-ul și codul BIC verificate, gata de tipărit.",
    # N_: these pages come in other languages too (webapp/i18n.py translates them).
    "life_certificate.start": N_(
        "Certificatul de viață pentru pensionarii din străinătate: termenele, cine îl certifică și unde îl trimiteți."
    ),
    "life_certificate.details": N_(
        "Completați online certificatul de viață pentru pensionarii din străinătate, în română și în limba țării în care locuiți."
    ),
    "life_certificate.check": N_(
        "Verificați datele certificatului de viață înainte de a-l descărca gata de tipărit."
    ),
    "life_certificate.upload_start": N_(
        "Trimiteți online certificatul de viață certificat, scanat sau fotografiat, la casa de pensii care vă plătește pensia."
    ),
    "life_certificate.ready": N_(
        "Certificatul de viață este gata: descărcați-l, certificați-l la o autoritate și trimiteți-l la casa de pensii."
    ),
    "legal.privacy": "Ce date personale păstrează portalul pensiilor, cât timp și de ce, și drepturile dumneavoastră.",
    "legal.accessibility": "Declarația de accesibilitate a portalului pensiilor: ce este accesibil, ce nu este încă și cum ne semnalați o problemă.",
    "legal.cookies": "Portalul pensiilor folosește un singur cookie, strict necesar pentru sesiune: ce conține și cât timp este păstrat.",
    "legal.contact": "Datele de contact ale caselor județene de pensii: adresa, e-mailul, telefonul și programul cu publicul.",
    "account_signed.by_session": "Trimiteți cererea de cont semnată cu semnătura electronică calificată, fără să mai veniți la ghișeu.",
    "account_signed.by_token": "Trimiteți cererea de cont semnată cu semnătura electronică calificată, fără să mai veniți la ghișeu.",
    "legal.about": "Cine administrează portalul pensiilor și cum recunoașteți adresa oficială a site-ului.",
}


def page_description() -> str:
    if request.endpoint == "pension_pages.topic" and request.view_args:
        topic = TOPICS.get(request.view_args.get("slug"))
        if topic:
            return topic[2]
    return DESCRIPTIONS.get(request.endpoint or "", DEFAULT)


# The other pages of the online sending: the start page's description, translated with it (the
# site's DEFAULT is Romanian only and would leave a Romanian description on a translated page).
for _endpoint in ("who", "files", "check", "sent", "status", "status_expired"):
    DESCRIPTIONS.setdefault(
        f"life_certificate.upload_{_endpoint}", DESCRIPTIONS["life_certificate.upload_start"]
    )
