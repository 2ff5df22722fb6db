"""What the accessibility statement says is not yet accessible (OUG 112/2018 art. 6).

From the usability and accessibility review (/work/shared/research/usability-review.md); the
finding id is beside each item. Remove an item in the same change that fixes it: the statement
must describe the site as it is.
"""

# The conformance the site claims: partial, because of the problems below.
STANDARD = "WCAG 2.1, nivelul AA (standardul european SR EN 301 549)"

KNOWN_PROBLEMS = (
    # Printouts (review §2, M12): tagged PDFs with a title and language, but made to print.
    "Documentele PDF și Word (cererile și certificatul de viață) sunt făcute pentru a fi "
    "tipărite și semnate de mână: nu sunt formulare care se pot completa pe ecran, rubricile "
    "pentru semnătură, ștampilă și partea B a certificatului sunt doar spații goale, iar "
    "etichetele rubricilor sunt scrise cu litere mici (8 puncte). Același text îl găsiți pe "
    "pagina „Tipăriți” a fiecărui document, ca pagină web.",
    # M7: languages.
    "Site-ul este doar în limba română; doar certificatul de viață tipărit este bilingv.",
)
