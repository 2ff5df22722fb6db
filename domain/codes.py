"""The code lists: each one list of (code, label) pairs, in the order the pages show them, and a
dict view of it where a label is looked up by its code. Forms offer the lists as choices (with
their own placeholder where a select needs one), printouts and pages look the labels up."""

ID_TYPES = (
    ("CI", "Carte de identitate"),
    ("CIE", "Carte electronică de identitate"),
    ("PASAPORT", "Pașaport"),
)
ID_TYPE_LABELS = dict(ID_TYPES)

# One wording for sex on every page and printout: the calculator's, plain words, not grammar terms.
SEXES = (("F", "Femeie"), ("M", "Bărbat"))
SEX_LABELS = dict(SEXES)

# Why a natural person's documents are administered by someone else.
LEGAL_BASES = (
    ("procura", "Procură notarială"),
    ("parinte", "Părinte al unui minor"),
    ("tutela", "Tutelă"),
    ("curatela", "Curatelă"),
    ("consiliere_judiciara", "Consiliere judiciară"),
)
LEGAL_BASIS_LABELS = dict(LEGAL_BASES)
# The document that proves each basis, as the applicant is asked for it and told to bring it.
LEGAL_BASIS_DOCUMENTS = (
    ("procura", "Procura notarială"),
    ("parinte", "Certificatul de naștere al copilului minor (sunteți părintele lui)"),
    ("tutela", "Hotărârea instanței de numire a tutorelui"),
    ("curatela", "Hotărârea instanței de numire a curatorului"),
    ("consiliere_judiciara", "Hotărârea instanței privind consilierea judiciară"),
)
LEGAL_BASIS_DOCUMENT_LABELS = dict(LEGAL_BASIS_DOCUMENTS)

# In what capacity someone administers a legal person's documents.
LEGAL_ROLES = (
    ("reprezentant_legal", "Reprezentant legal"),
    ("imputernicit", "Împuternicit"),
)
LEGAL_ROLE_LABELS = dict(LEGAL_ROLES)

# Who files the request to be paid into an account.
SELF = "titular"
LEGAL_REPRESENTATIVE = "reprezentant_legal"
AUTHORISED = "imputernicit"
FILERS = (
    (SELF, "Eu, titularul pensiei"),
    (LEGAL_REPRESENTATIVE, "Reprezentantul legal al titularului (tutore sau curator)"),
    (AUTHORISED, "O persoană împuternicită de titular prin procură specială"),
)

# The statuses of an account request, as the counter shows them.
REQUEST_STATUSES = (
    ("submitted", "Trimisă, neînregistrată"),
    ("registered", "Înregistrată"),
    ("approved", "Aprobată"),
    ("rejected", "Respinsă"),
    ("expired", "Expirată, neînregistrată la timp"),
)
STATUS_LABELS = dict(REQUEST_STATUSES)

# The audit log: what staff did, and the names of the details recorded with it.
AUDIT_ACTIONS = (
    ("queue", "A răsfoit lista cererilor"),
    ("view", "A deschis cererea"),
    ("print", "A tipărit cererea"),
    ("search", "A căutat după CNP"),
    ("register", "A înregistrat cererea"),
    ("approve", "A aprobat cererea"),
    ("reject", "A respins cererea"),
    ("resend_activation", "A retrimis e-mailul de activare"),
    ("release", "A închis o cerere cu același CNP sau e-mail"),
    ("correct_email", "A corectat adresa de e-mail"),
    ("career_viewed", "A consultat cariera de asigurat"),
    ("petition_queue", "A răsfoit lista petițiilor"),
    ("petition_view", "A deschis petiția"),
    ("petition_file", "A descărcat un fișier al petiției"),
    ("petition_assign", "A preluat petiția"),
    ("petition_extend", "A prelungit termenul petiției"),
    ("petition_forward", "A redirecționat petiția"),
    ("petition_answer", "A răspuns la petiție"),
    ("petition_close", "A închis petiția"),
    ("person_revoked", "A revocat dreptul de a acționa pentru o persoană administrată"),
    ("register_signed", "A înregistrat cererea semnată electronic, fără vizită la ghișeu"),
    ("signed_file", "A descărcat un fișier al cererii semnate electronic"),
    ("life_certificate_queue", "A răsfoit certificatele de viață trimise online"),
    ("life_certificate_view", "A deschis un certificat de viață trimis online"),
    ("life_certificate_file", "A descărcat fișierul unui certificat de viață"),
    ("life_certificate_accept", "A acceptat ca valabil un certificat de viață"),
    ("life_certificate_new_requested", "A cerut un certificat de viață nou"),
)
ACTION_LABELS = dict(AUDIT_ACTIONS)
AUDIT_DETAILS = (
    ("registration_number", "număr de înregistrare"),
    ("registered_on", "data înregistrării"),
    ("county", "județul"),
    ("reason", "motivul"),
    ("cnp", "CNP căutat"),
    ("results", "rezultate"),
    ("format", "formatul"),
    ("filter", "lista"),
    ("page", "pagina"),
    ("kept", "cererea păstrată"),
    ("same", "aceleași date"),
    ("old", "adresa veche"),
    ("new", "adresa nouă"),
    ("petition", "petiția"),
    ("due", "termenul"),
    ("due_on", "termenul nou"),
    ("old_due_on", "termenul vechi"),
    ("file", "fișierul"),
    ("own_registration", "a decis asupra unei cereri înregistrate chiar de el"),
    ("person", "persoana"),
    ("number", "numărul persoanei în cerere"),
    ("signer", "semnatarul"),
    ("certificate", "certificatul de viață"),
)
DETAIL_LABELS = dict(AUDIT_DETAILS)

# The career record's working conditions (domain/career/record.py); the assimilated periods'
# labels are domain.career.summary.ASSIMILATED_LABELS.
CAREER_CONDITIONS = (
    ("normale", "Normale"),
    ("deosebite", "Deosebite"),
    ("speciale", "Speciale"),
)
CONDITION_LABELS = dict(CAREER_CONDITIONS)

# What a person administered is to CNPP (its account form: "asigurați / angajatori /
# beneficiari"): a natural person is an insured person or a pensioner; a legal person an employer.
PERSON_CATEGORIES = (
    ("asigurat", "Asigurat (are sau a avut venituri asigurate, nu primește pensie)"),
    ("beneficiar", "Pensionar sau beneficiar (primește o pensie sau o indemnizație)"),
)
PERSON_CATEGORY_LABELS = dict(PERSON_CATEGORIES)
# As the printout and the counter write them, short.
PERSON_CATEGORY_PRINTED = {
    "asigurat": "asigurat",
    "beneficiar": "pensionar / beneficiar",
    "angajator": "angajator",
}

# Where the applicant's home is: the address page asks it first (M7).
IN_ROMANIA = "ro"
ABROAD = "strainatate"
RESIDENCES = ((IN_ROMANIA, "În România"), (ABROAD, "În altă țară"))
RESIDENCE_LABELS = dict(RESIDENCES)
