"""OpenAPI 3.1 description of the pension JSON API, served at ``/api/v1/openapi.json``.

Kept beside the code it describes and tested against the real answers with schemathesis
(tests/webapp/pension/test_openapi.py), so the two cannot drift apart unnoticed.
"""

from flask import Blueprint, jsonify

from domain.pension.validation import MAX_INCOME_ENTRIES
from webapp.pension.api import MAX_GET_QUERY_BYTES

bp = Blueprint("openapi", __name__)

REF = "#/components/schemas/"
DECIMAL = r"^-?[0-9]+(\.[0-9]+)?$"
ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DATE_IN = {"type": "string", "format": "date", "pattern": ISO_DATE, "example": "2026-09-01"}
AMOUNT_IN = {"type": "string", "pattern": r"^[0-9]{1,12}([.,][0-9]{1,2})?$", "example": "3500,50"}
COUNT_IN = {"type": "integer", "minimum": 0, "maximum": 999999}
TEXTS = {"type": "array", "items": {"type": "string"}}
HANDICAP_IN = {"type": "string", "enum": ["grav", "accentuat", "mediu"]}


def ref(name: str) -> dict:
    return {"$ref": REF + name}


def nullable(name: str) -> dict:
    return {"oneOf": [ref(name), {"type": "null"}]}


def record(**properties) -> dict:
    """An object with exactly these properties, all present."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def query(name: str, schema: dict, description: str, required: bool = False, **more) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "schema": schema,
        "description": description,
        **more,
    }


ESTIMATE_QUERY = [
    query(
        "start_date",
        DATE_IN,
        "Data de la care începe pensia (AAAA-LL-ZZ), de la 2024-09-01.",
        required=True,
        example="2026-09-01",
    ),
    query("contributory_years", COUNT_IN, "Stagiul de cotizare: ani.", example=36),
    query("contributory_months", COUNT_IN, "Stagiul de cotizare: luni."),
    query("contributory_days", COUNT_IN, "Stagiul de cotizare: zile."),
    query(
        "points",
        {"type": "string", "pattern": r"^[0-9]{1,6}([.,][0-9]{1,5})?$", "example": "31,25412"},
        "Suma punctajelor anuale din raportul de stagiu.",
        example="30",
    ),
    {
        **query(
            "income",
            {
                "type": "array",
                "maxItems": MAX_INCOME_ENTRIES,
                "items": {
                    "type": "string",
                    "pattern": r"^[0-9]{4}(-[0-9]{2})?:[0-9]{1,12}([.,][0-9]{1,2})?"
                    r"(;[0-9]{4}(-[0-9]{2})?:[0-9]{1,12}([.,][0-9]{1,2})?)*$",
                    "example": "2013-05:3500",
                },
            },
            "Venituri brute: AAAA-LL:sumă (o lună) sau AAAA:sumă (media lunară a anului); "
            f"mai multe despărțite prin „;”, cel mult {MAX_INCOME_ENTRIES} în total.",
        ),
        "style": "form",
        "explode": True,
    },
    query(
        "pillar2_from",
        {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}$", "example": "2008-05"},
        "Luna din care ați contribuit la Pilonul II (AAAA-LL).",
    ),
    query("assimilated_months", COUNT_IN, "Luni asimilate (de exemplu, studii)."),
    query("child_care_months", COUNT_IN, "Luni de concediu pentru creșterea copilului."),
    query(
        "invalidity_grade",
        {"type": "string", "enum": ["I", "II", "III", "1", "2", "3"]},
        "Gradul de invaliditate.",
    ),
    query(
        "potential_months",
        COUNT_IN,
        "Luni de stagiu potențial (invaliditate); cu birth_date și sex se calculează după "
        "art. 66 și acest parametru nu se mai folosește.",
    ),
    query("special_months", COUNT_IN, "Luni lucrate în condiții speciale."),
    query("deosebite_months", COUNT_IN, "Luni lucrate în condiții deosebite."),
    query("birth_date", DATE_IN, "Data nașterii (AAAA-LL-ZZ), pentru vârsta de pensionare."),
    query("sex", {"type": "string", "enum": ["F", "M"]}, "F (femeie) sau M (bărbat)."),
    query("children", {"type": "integer", "minimum": 0, "maximum": 30}, "Numărul de copii."),
    query(
        "handicap",
        HANDICAP_IN,
        "Gradul de handicap (certificat cu valabilitate permanentă): reduce vârsta de "
        "pensionare (art. 52) și, grav sau accentuat, scutește pensia de impozit (Codul fiscal "
        "art. 60 pct. 1 lit. c)); CASS se datorează.",
    ),
    query(
        "handicap_months",
        COUNT_IN,
        "Luni de stagiu contributiv realizate în condiții de handicap (art. 52).",
    ),
    query(
        "visual_months",
        COUNT_IN,
        "Luni de stagiu contributiv realizate cu deficiență vizuală gravă (art. 53).",
    ),
    {
        **query(
            "point_span",
            {
                "type": "array",
                "maxItems": 20,
                "items": {
                    "type": "string",
                    "pattern": r"^[0-9]{4}(-[0-9]{4})?:[0-9]{1,6}([.,][0-9]{1,5})?$",
                    "example": "1991-2011:18,5",
                },
            },
            "Suma punctajelor anuale din raportul de stagiu pentru o perioadă de ani "
            "(AAAA-AAAA:punctaj), de exemplu anii pentru care venitul nu poate fi transformat "
            "în puncte (1991-2011). Anii perioadei nu se dau și ca venit.",
        ),
        "style": "form",
        "explode": True,
    },
    {
        **query(
            "assimilated_period",
            {
                "type": "array",
                "maxItems": 20,
                "items": {
                    "type": "string",
                    "pattern": r"^[0-9]{4}-[0-9]{2}\.\.[0-9]{4}-[0-9]{2}$",
                    "example": "1980-09..1985-06",
                },
            },
            "Studii universitare sau serviciu militar, cu datele lor: AAAA-LL..AAAA-LL (prima și "
            "ultima lună). Înainte de 1 aprilie 2001 fiecare lună are punctajul salariul minim "
            "÷ salariul mediu al lunii (art. 138 alin. (2)); după, 0,25 (art. 138 alin. (5)). "
            "assimilated_months rămâne pentru lunile de după 1 aprilie 2001, fără date.",
        ),
        "style": "form",
        "explode": True,
    },
    query(
        "supplementary_fund",
        {"type": "string", "enum": ["da", "nu", "4"]},
        "Ați contribuit la fondul pentru pensia suplimentară (1967–2001)? da (implicit): "
        "creșterea de la art. 143 alin. (1) pe punctajele lunare din venit; 4: ați contribuit "
        "cu 4 % (art. 143 alin. (2)); nu: fără creștere.",
    ),
    # The pension kinds (domain/pension/kinds.py) and their inputs.
    query(
        "kind",
        {"type": "string", "enum": ["varsta", "invaliditate", "urmas", "in_plata"]},
        "Felul pensiei: varsta (pentru limită de vârstă, implicit), invaliditate (art. 61-70, "
        "87: stagiul potențial din anexa nr. 5 cu data nașterii și sexul, indemnizația pentru "
        "însoțitor la gradul I), urmas (art. 73-81: din punctajul susținătorului decedat, dat în "
        "points sau din datele lui; birth_date și sex sunt atunci ale lui: decedat înainte de vârsta standard, se adaugă stagiul potențial de gradul I, art. 79 alin. (1)) sau in_plata (art. 144: punctajul total din decizie × "
        "valoarea punctului de referință de azi; acceptă date de început dinainte de "
        "2024-09-01). Fără kind, un grad de invaliditate înseamnă invaliditate.",
    ),
    query(
        "orphans",
        {"type": "integer", "minimum": 0, "maximum": 30},
        "Urmaș: numărul copiilor îndreptățiți (art. 74).",
    ),
    query(
        "spouse_marriage_months",
        COUNT_IN,
        "Urmaș: durata căsătoriei soțului supraviețuitor, în luni (art. 75-76); lipsește dacă nu există soț.",
    ),
    query(
        "spouse_birth_date",
        DATE_IN,
        "Urmaș: data nașterii soțului supraviețuitor (vârsta standard, art. 75).",
    ),
    query(
        "spouse_sex", {"type": "string", "enum": ["F", "M"]}, "Urmaș: sexul soțului supraviețuitor."
    ),
    query(
        "spouse_invalidity_grade",
        {"type": "string", "enum": ["I", "II", "III", "1", "2", "3"]},
        "Urmaș: gradul de invaliditate al soțului supraviețuitor (art. 76 alin. (1)).",
    ),
    query(
        "death_work_accident",
        {"type": "string", "enum": ["da", "nu"]},
        "Urmaș: decesul s-a produs în urma unui accident de muncă sau a unei boli profesionale (art. 76 alin. (2)).",
    ),
    query(
        "spouse_child_under_7",
        {"type": "string", "enum": ["da", "nu"]},
        "Urmaș: soțul are în îngrijire un copil sub 7 ani (art. 78).",
    ),
    query(
        "other_parent_points",
        {"type": "string", "pattern": r"^[0-9]{1,6}([.,][0-9]{1,5})?$", "example": "18,5"},
        "Urmaș: punctajul total al celuilalt părinte decedat, pentru orfanii de ambii părinți (art. 80).",
    ),
    query(
        "own_pension",
        AMOUNT_IN,
        "Urmaș: pensia proprie a soțului supraviețuitor, în lei, pentru opțiunea de la art. 79 alin. (3).",
    ),
    query(
        "amount_in_payment",
        AMOUNT_IN,
        "Pensie în plată: cuantumul brut în plată, în lei (art. 144 alin. (6)).",
    ),
]
NET_QUERY = [
    query("gross", AMOUNT_IN, "Pensia brută în lei.", required=True, example="4467"),
    query(
        "date",
        DATE_IN,
        "Data plății (AAAA-LL-ZZ), de la 2023-01-01.",
        required=True,
        example="2024-10-01",
    ),
    query(
        "handicap",
        HANDICAP_IN,
        "Grav sau accentuat: pensia nu se impozitează (Codul fiscal art. 60 pct. 1 lit. c)); "
        "CASS se datorează. Mediu: fără scutire.",
    ),
]
RETIREMENT_QUERY = [
    query(
        "birth_date",
        DATE_IN,
        "Data nașterii (AAAA-LL-ZZ), din 1938 încoace.",
        required=True,
        example="1962-03-15",
    ),
    query("sex", {"type": "string", "enum": ["F", "M"]}, "F sau M.", required=True, example="F"),
    query("children", {"type": "integer", "minimum": 0, "maximum": 30}, "Numărul de copii."),
    query(
        "contributory_years",
        COUNT_IN,
        "Stagiul de cotizare: ani. Cu el se verifică stagiul cerut de art. 48, 51 și 56; fără "
        "el, condițiile de stagiu se socotesc îndeplinite.",
    ),
    query("contributory_months", COUNT_IN, "Stagiul de cotizare: luni."),
    query("contributory_days", COUNT_IN, "Stagiul de cotizare: zile."),
    query(
        "special_months",
        COUNT_IN,
        "Luni lucrate în condiții speciale: reduc vârsta fără penalizare (art. 48 tabelul 1, "
        "plafonul art. 54).",
    ),
    query(
        "deosebite_months",
        COUNT_IN,
        "Luni lucrate în condiții deosebite: reduc vârsta fără penalizare (art. 48 tabelul 2).",
    ),
    query(
        "handicap",
        HANDICAP_IN,
        "Gradul de handicap (certificat cu valabilitate permanentă), cu handicap_months: "
        "reducerea vârstei de la art. 52.",
    ),
    query(
        "handicap_months",
        COUNT_IN,
        "Luni de stagiu contributiv realizate în condiții de handicap (art. 52).",
    ),
    query(
        "visual_months",
        COUNT_IN,
        "Luni de stagiu contributiv cu deficiență vizuală gravă: pensie la orice vârstă cu o "
        "treime din stagiul complet (art. 53).",
    ),
]

SCHEMAS = {
    "Decimal": {
        "type": "string",
        "pattern": DECIMAL,
        "description": "Valoarea zecimală exactă, ca text (niciodată număr JSON cu virgulă mobilă).",
    },
    "Date": {"type": "string", "format": "date", "pattern": ISO_DATE},
    "Count": {"type": "integer", "minimum": 0},
    "Span": record(years=ref("Count"), months=ref("Count")),
    "Stage": record(years=ref("Count"), months=ref("Count"), days=ref("Count")),
    "Line": record(
        label={"type": "string"},
        value=ref("Decimal"),
        unit={"type": "string", "enum": ["puncte", "lei"]},
        article={"type": "string"},
        section={"type": "string", "enum": ["puncte", "brut", "net"]},
        rule_date=nullable("Date"),
    ),
    "AnnualScore": record(
        year={"type": "integer"},
        score=ref("Decimal"),
        months=ref("Count"),
        pillar2_months=ref("Count"),
    ),
    "SocialIndemnity": record(
        amount=ref("Decimal"),
        top_up=ref("Decimal"),
        article={"type": "string"},
        rule_date=ref("Date"),
    ),
    "CompanionAllowance": record(
        amount=ref("Decimal"),
        minimum_wage=ref("Decimal"),
        percent=ref("Decimal"),
        article={"type": "string"},
        rule_date=ref("Date"),
        act={"type": "string"},
    ),
    "SpouseRight": record(
        article={"type": "string"},
        reason={"type": "string"},
        reduction_percent=ref("Decimal"),
        missing_months=ref("Count"),
        lifelong={"type": "boolean"},
    ),
    "SurvivorShare": record(
        who={"type": "string"},
        count=ref("Count"),
        gross=ref("Decimal"),
        net=ref("Decimal"),
    ),
    "Survivors": record(
        survivors=ref("Count"),
        orphans=ref("Count"),
        percent=ref("Decimal"),
        deceased_points=ref("Decimal"),
        other_parent_points=nullable("Decimal"),
        spouse=nullable("SpouseRight"),
        shares={"type": "array", "items": ref("SurvivorShare")},
    ),
    "InPayment": record(
        decision_points=ref("Decimal"),
        on_date=ref("Date"),
        recalculated=ref("Decimal"),
        amount_in_payment=nullable("Decimal"),
        kept_amount_in_payment={"type": "boolean"},
        article={"type": "string"},
    ),
    "Retirement": record(
        birth_date=ref("Date"),
        sex={"type": "string", "enum": ["F", "M"]},
        children=ref("Count"),
        standard_age=ref("Span"),
        standard_date=ref("Date"),
        complete_stage=ref("Span"),
        minimum_stage=ref("Span"),
        annex5_age=ref("Span"),
        annex5_date=ref("Date"),
        children_reduction=ref("Span"),
        earliest_full_pension_date=ref("Date"),
        earliest_early_date=ref("Date"),
        articles=TEXTS,
        notes=TEXTS,
        rules_as_of=ref("Date"),
        conditions_reduction=ref("Span"),
        handicap_reduction=ref("Span"),
        any_age={"type": "boolean"},
        reduced_by={"type": "string", "enum": ["", "art48", "art51", "art52", "art53"]},
    ),
    "WorkingWhileRetired": record(
        pension_kind={"type": "string"},
        effect={"type": "string", "enum": ["cumul", "suspendată"]},
        may_cumulate={"type": "boolean"},
        suspended_from=nullable("Date"),
        recalculation_allowed={"type": "boolean"},
        articles=TEXTS,
        notes=TEXTS,
    ),
    "Estimate": record(
        start_date=ref("Date"),
        contributory_stage=ref("Stage"),
        contributory_points=ref("Decimal"),
        assimilated_points=ref("Decimal"),
        potential_points=ref("Decimal"),
        extra_points=ref("Decimal"),
        stability_points=ref("Decimal"),
        total_points=ref("Decimal"),
        reference_point_value=ref("Decimal"),
        amount_before_reduction=ref("Decimal"),
        anticipation_months=ref("Count"),
        early_reduction_percent=ref("Decimal"),
        gross=ref("Decimal"),
        health_contribution=ref("Decimal"),
        income_tax=ref("Decimal"),
        net=ref("Decimal"),
        rules_as_of=ref("Date"),
        lines={"type": "array", "items": ref("Line")},
        annual_scores={"type": "array", "items": ref("AnnualScore")},
        retirement=nullable("Retirement"),
        social_indemnity=nullable("SocialIndemnity"),
        notes=TEXTS,
        working=nullable("WorkingWhileRetired"),
        kind={"type": "string", "enum": ["varsta", "invaliditate", "urmas", "in_plata"]},
        companion_allowance=nullable("CompanionAllowance"),
        survivors=nullable("Survivors"),
        in_payment=nullable("InPayment"),
    ),
    "Net": record(
        gross=ref("Decimal"),
        health_contribution=ref("Decimal"),
        income_tax=ref("Decimal"),
        net=ref("Decimal"),
        health_contribution_exact=ref("Decimal"),
        income_tax_exact=ref("Decimal"),
        tax_free_threshold=ref("Decimal"),
        date=ref("Date"),
        rules_as_of=ref("Date"),
        lines={"type": "array", "items": ref("Line")},
    ),
    "Error": record(
        error=record(
            parameter={
                "type": ["string", "null"],
                "description": "Parametrul greșit; null când eroarea nu ține de un parametru.",
            },
            message={"type": "string", "description": "Ce este greșit, în limba română."},
        )
    ),
}


def json_response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def body_schema(parameters: list[dict]) -> dict:
    """The query's parameters as the members of one JSON object (POST): same names, same values."""
    return {
        "type": "object",
        "properties": {p["name"]: p["schema"] for p in parameters},
        "required": [p["name"] for p in parameters if p.get("required")],
        "additionalProperties": False,
    }


def operation(operation_id: str, summary: str, parameters: list[dict], result: str) -> dict:
    cacheable = {
        "Cache-Control": {
            "description": "private, max-age=3600: interogarea poate conține date personale.",
            "schema": {"type": "string"},
        },
        "ETag": {"schema": {"type": "string"}},
    }
    bad_input = json_response(
        "Date greșite, parametru necunoscut sau corp care nu este un obiect JSON (nu se "
        "păstrează în cache).",
        ref("Error"),
    )
    not_allowed = json_response("API-ul acceptă doar GET (și HEAD) și POST.", ref("Error"))
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": parameters,
            "responses": {
                "200": {**json_response("Rezultatul.", ref(result)), "headers": cacheable},
                "304": {"description": "Neschimbat față de ETag-ul din If-None-Match."},
                "400": bad_input,
                "405": not_allowed,
                "414": json_response(
                    f"Interogare mai lungă de {MAX_GET_QUERY_BYTES} de octeți: aceiași "
                    "parametri merg prin POST, ca obiect JSON.",
                    ref("Error"),
                ),
            },
        },
        "post": {
            "operationId": f"{operation_id}_post",
            "summary": f"{summary} (parametrii în corpul cererii)",
            "description": (
                "Aceiași parametri ca la GET, ca membri ai unui obiect JSON, pentru interogările "
                "prea lungi pentru o adresă (de exemplu, venituri lunare pe o carieră întreagă). "
                "Un parametru care se repetă în GET este aici o listă de texte."
            ),
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": body_schema(parameters)}},
            },
            "responses": {
                "200": json_response("Rezultatul.", ref(result)),
                "400": bad_input,
                "405": not_allowed,
                "413": json_response("Corpul cererii are peste 64 KiB.", ref("Error")),
            },
        },
    }


def description() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Portal pensii: calculul pensiei",
            "version": "1",
            "description": (
                "Estimarea pensiei publice după Legea nr. 360/2023. Fără autentificare și fără "
                "cookie-uri. Sumele, punctajele și procentele sunt text cu valoarea zecimală "
                "exactă; numărătorile sunt numere întregi; datele sunt AAAA-LL-ZZ. Valorile "
                "goale contează ca lipsă; un parametru necunoscut este refuzat cu 400."
            ),
        },
        "paths": {
            "/api/v1/pension/estimate": operation(
                "estimate", "Estimarea pensiei", ESTIMATE_QUERY, "Estimate"
            ),
            "/api/v1/pension/net": operation(
                "net", "Pensia netă dintr-o pensie brută", NET_QUERY, "Net"
            ),
            "/api/v1/pension/retirement": operation(
                "retirement", "Vârsta și datele de pensionare", RETIREMENT_QUERY, "Retirement"
            ),
        },
        "components": {"schemas": SCHEMAS},
    }


@bp.get("/api/v1/openapi.json")
def openapi_json():
    response = jsonify(description())
    # The description holds nothing personal.
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
