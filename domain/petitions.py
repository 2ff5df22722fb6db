"""Electronic petitions (OG 27/2002; Law 360/2023 art. 94(2)): categories, statuses and the
transitions the counter's actions make. The answer deadline is computed in ``petition_terms``.

Statuses, as the citizen sees them:
- ``registered`` (înregistrată): sent, in the queue of the county house it went to;
- ``in_progress`` (în lucru): a clerk took it;
- ``extended`` (termen prelungit): the term was extended once, with a reason (art. 9);
- ``forwarded`` (redirecționată): sent on to another county house, whose queue now has it;
- ``answered`` (răspuns trimis): the answer is in the account;
- ``closed`` (închisă): closed without an answer of its own (a duplicate, withdrawn), with a reason.
"""

PETITION_PREFIX = "PT"

CATEGORIES = {
    "calcul": "Calculul pensiei",
    "plata": "Plata pensiei",
    "certificat_viata": "Certificatul de viață",
    "corectura_stagiu": "Corectarea stagiului de cotizare",
    "recalculare": "Recalcularea pensiei",
    "altele": "Altceva",
}

STATUSES = {
    "registered": "înregistrată",
    "in_progress": "în lucru",
    "extended": "termen prelungit",
    "forwarded": "redirecționată",
    "answered": "răspuns trimis",
    "closed": "închisă",
}
OPEN_STATUSES = ("registered", "in_progress", "extended", "forwarded")

# action → (the statuses it may start from, the status it leaves). A service applies it with a
# conditional UPDATE on the status, so that two clerks can never both act on one petition.
TRANSITIONS = {
    "assign": (("registered", "forwarded"), "in_progress"),
    "extend": (("registered", "in_progress", "forwarded"), "extended"),
    "forward": (("registered", "in_progress"), "forwarded"),
    "answer": (OPEN_STATUSES, "answered"),
    "close": (OPEN_STATUSES, "closed"),
}

MAX_SUBJECT = 200
MAX_TEXT = 10_000
MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
ATTACHMENT_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
