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
    # M10: reflow at 320 px.
    "Unele tabele late (de exemplu tabelul cu impozitul și CASS și lista de cereri de la "
    "ghișeu) nu încap pe un ecran de 320 de pixeli și trebuie derulate orizontal.",
    # M6, M9: the error summary and the calculator's result with JavaScript on.
    "Cu JavaScript pornit, lista de erori de la începutul unui formular poate arăta încă o "
    "greșeală pe care ați corectat-o, iar calculatorul de pensie anunță cititoarelor de ecran "
    "tot tabelul rezultatului, nu doar suma.",
    # M5, m13: titles and the error summary's markup (WCAG 2.4.2, 3.3.1, 4.1.2).
    "Unele pagini care arată o problemă (autentificare greșită, o cerere negăsită la „Stadiul "
    "cererii”) nu încep titlul cu „Eroare:”, iar lista de erori nu este anunțată ca atare de "
    "toate cititoarele de ecran.",
    # m14, m15: WCAG 1.3.5 and 3.1.2.
    "Data nașterii din cererea de cont și din certificatul de viață nu poate fi completată "
    "automat de browser, iar numele limbilor străine din certificatul de viață nu sunt marcate "
    "cu limba lor, așa că un cititor de ecran le poate pronunța greșit.",
    # M7: languages.
    "Site-ul este doar în limba română; doar certificatul de viață tipărit este bilingv.",
)
