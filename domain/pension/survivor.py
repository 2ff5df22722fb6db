"""The survivor's pension (art. 73-81 of Law 360/2023).

The deceased's total points come from the same inputs as an old-age estimate: the total from the
pension decision in ``points`` (then leave the stage out, the decision already has the stability
points), or the annual points / incomes and the stage, which the usual steps turn into a total
(art. 85-88). Then:

- art. 79(2): the survivors' points are 50 / 75 / 100 % of the deceased's total for 1 / 2 / 3 or
  more entitled survivors (``survivor_rules.csv``), kept to 5 decimals (art. 85(11));
- art. 83: × the reference point value on the start date; the amount is split into equal parts,
  one per survivor (the practice of the pension houses; the law fixes only the total), each part
  rounded up to a leu in the pensioner's favour (art. 83(2));
- art. 80: orphans of both parents add the survivor's pension after the other parent
  (``other_parent_points``), computed for the same orphans;
- the spouse's right, first one that applies:
  art. 75(1) at the Annex 5 standard age with at least 15 years of marriage: for life, whole;
  art. 75(2) at that age with 10-15 years: the spouse's part falls by 0.5 % for each month
  missing to 15 years (6 % a year);
  art. 76(1) below that age, invalid of grade I or II, at least one year of marriage: while the
  invalidity lasts; art. 76(2) below that age, death from a work accident or occupational
  disease: whatever the marriage's length;
  art. 78 a child under 7 in the spouse's care at the death: until the last child turns 7;
  art. 77 otherwise: 6 months from the death.
  Art. 76-78 also need the spouse to have no income from work or less than the gross minimum
  wage; the estimate says so instead of asking.
- art. 79(3): with the spouse's own pension (``own_pension``), the more favourable of the two is
  shown as a line; with one survivor the chosen pension becomes the gross, with more the choice
  is explained only, since it changes the number of survivors (art. 81).

The net is worked out for each part separately: each survivor is taxed on their own pension.
The breakdown fields of the result (contributory, stability points ...) stay those of the
deceased; ``total_points`` is the survivors'.

Art. 79(1): with the deceased's birth date and sex (``birth_date``, ``sex``) and a start before
the deceased's Annex 5 age, the deceased counts with the grade I invalidity pension he would have
had: his points plus the potential stage of art. 66 at 0.25 points a month (art. 87(1)(a)).
Without them, the points are taken as those of the old-age pension (in payment or due).

Not modelled: whether the deceased met the old-age conditions (art. 73; the caller says so by
asking), art. 74's conditions for the children (the caller counts the entitled children) and the
surviving spouse of a parent in art. 80.
"""

from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Any

from domain import ro
from domain.pension.errors import PensionInputError
from domain.pension.estimate import Estimate, EstimateInput, own_career_estimate
from domain.pension.invalidity import check_grade
from domain.pension.kind_tables import survivor_rule
from domain.pension.kinds import AGE, INVALIDITY, SURVIVOR
from domain.pension.lines import GROSS, POINTS, Line, latest_rule_date, section_total
from domain.pension.net import net_on
from domain.pension.periods import add_months
from domain.pension.retirement import age_and_stage
from domain.pension.scores import ScoreRules
from domain.pension.tables import parameter, reference_point_values, social_indemnities
from domain.pension.validation import (
    MAX_AMOUNT,
    MAX_CHILDREN,
    MAX_MONTH_COUNT,
    MAX_POINTS,
    check_date,
    check_decimal,
    check_int,
    check_sex,
)

ONE_LEU = Decimal(1)
INCOME_CONDITION = (
    "dacă soțul nu are venituri din activitate sau acestea sunt sub salariul minim brut pe țară"
)


@dataclass(frozen=True, slots=True)
class SpouseRight:
    article: str
    reason: str
    reduction_percent: Decimal = Decimal(0)
    missing_months: int = 0
    lifelong: bool = True
    rule_date: date | None = None

    def to_dict(self, number: Any = lambda value: value) -> dict[str, Any]:
        return {
            "article": self.article,
            "reason": self.reason,
            "reduction_percent": number(self.reduction_percent),
            "missing_months": self.missing_months,
            "lifelong": self.lifelong,
        }


def spouse_right(
    start: date,
    marriage_months: object,
    birth_date: object,
    sex: object,
    invalidity_grade: object = None,
    work_accident: bool = False,
    child_under_7: bool = False,
) -> SpouseRight:
    """Art. 75-78: on what ground the surviving spouse is entitled, and the art. 75(2) cut."""
    months = check_int(marriage_months, "spouse_marriage_months", MAX_MONTH_COUNT)
    if birth_date is None or sex is None:
        raise PensionInputError(
            "spouse_birth_date" if birth_date is None else "spouse_sex",
            "Pentru condiția de vârstă (art. 75) scrieți data nașterii și sexul soțului "
            "supraviețuitor.",
        )
    birth = check_date(birth_date, "spouse_birth_date")
    sex = check_sex(sex, "spouse_sex")
    if birth >= start:
        raise PensionInputError(
            "spouse_birth_date",
            "Data nașterii soțului trebuie să fie înaintea datei de început a pensiei.",
        )
    grade = (
        None
        if invalidity_grade is None
        else check_grade(invalidity_grade, "spouse_invalidity_grade")
    )
    rules = age_and_stage(birth, sex)
    standard_date = add_months(birth, rules.age.total_months)
    full = survivor_rule("spouse_full_marriage_months", start)
    if start >= standard_date:
        if months >= full.value:
            return SpouseRight(
                full.article,
                f"a împlinit vârsta standard ({rules.age}) și căsătoria a durat cel puțin "
                f"{ro.count(int(full.value) // 12, 'an', 'ani')}: pensie pe tot timpul vieții",
                rule_date=full.effective_from,
            )
        minimum = survivor_rule("spouse_min_marriage_months", start)
        if months >= minimum.value:
            per_month = survivor_rule("spouse_reduction_percent_per_month", start)
            missing = int(full.value) - months
            return SpouseRight(
                per_month.article,
                f"a împlinit vârsta standard ({rules.age}), căsătoria a durat "
                f"{ro.count(months, 'lună', 'luni')}, între 10 și 15 ani",
                per_month.value * missing,
                missing,
                rule_date=per_month.effective_from,
            )
    else:
        invalid = survivor_rule("spouse_invalid_min_marriage_months", start)
        if grade in (1, 2) and months >= invalid.value:
            return SpouseRight(
                invalid.article,
                f"nu a împlinit vârsta standard și este invalid de gradul {'I' * grade}, cu "
                f"cel puțin un an de căsătorie: pe perioada invalidității, {INCOME_CONDITION}",
                lifelong=False,
                rule_date=invalid.effective_from,
            )
        if work_accident:
            return SpouseRight(
                "art. 76 alin. (2)",
                f"nu a împlinit vârsta standard, iar decesul s-a produs în urma unui accident de "
                f"muncă sau a unei boli profesionale, oricare ar fi durata căsătoriei; "
                f"{INCOME_CONDITION}",
                lifelong=False,
                rule_date=invalid.effective_from,
            )
    if child_under_7:
        child = survivor_rule("spouse_child_age_years", start)
        return SpouseRight(
            child.article,
            f"are în îngrijire un copil sub {int(child.value)} ani: până când ultimul copil "
            f"împlinește {int(child.value)} ani, {INCOME_CONDITION}",
            lifelong=False,
            rule_date=child.effective_from,
        )
    temporary = survivor_rule("spouse_temporary_months", start)
    return SpouseRight(
        temporary.article,
        f"nu îndeplinește condițiile art. 75-76 (vârsta standard la {ro.short_date(standard_date)}"
        f", căsătorie de {ro.count(months, 'lună', 'luni')}): numai "
        f"{int(temporary.value)} luni de la data decesului, {INCOME_CONDITION}",
        lifelong=False,
        rule_date=temporary.effective_from,
    )


@dataclass(frozen=True, slots=True)
class SurvivorShare:
    who: str
    count: int
    gross: Decimal
    net: Decimal

    def to_dict(self, number: Any = lambda value: value) -> dict[str, Any]:
        return {
            "who": self.who,
            "count": self.count,
            "gross": number(self.gross),
            "net": number(self.net),
        }


@dataclass(frozen=True, slots=True)
class SurvivorDetails:
    survivors: int
    orphans: int
    percent: Decimal
    deceased_points: Decimal
    other_parent_points: Decimal | None
    spouse: SpouseRight | None
    shares: tuple[SurvivorShare, ...]

    def to_dict(self, number: Any = lambda value: value) -> dict[str, Any]:
        return {
            "survivors": self.survivors,
            "orphans": self.orphans,
            "percent": number(self.percent),
            "deceased_points": number(self.deceased_points),
            "other_parent_points": (
                None if self.other_parent_points is None else number(self.other_parent_points)
            ),
            "spouse": self.spouse.to_dict(number) if self.spouse else None,
            "shares": [share.to_dict(number) for share in self.shares],
        }


def survivor_percent(survivors: int, on: date):
    """Art. 79(2): the row for 1, 2 or 3+ survivors."""
    return survivor_rule(f"survivor_percent_{min(survivors, 3)}", on)


# Inputs that describe someone else than the deceased, or another kind of pension.
_NOT_FOR_SURVIVORS = {
    "children": "copiii îndreptățiți se scriu la orphans",
    "invalidity_grade": "gradul de invaliditate al soțului se scrie la spouse_invalidity_grade",
    "potential_months": "stagiul potențial ține de pensia de invaliditate",
    "amount_in_payment": "cuantumul în plată ține de pensia în plată (kind=in_plata)",
}


def _check_fields(data: EstimateInput) -> None:
    for name, why in _NOT_FOR_SURVIVORS.items():
        value = getattr(data, name)
        if value not in (None, 0):
            raise PensionInputError(name, f"Nu se folosește la pensia de urmaș: {why}.")
    if data.spouse_marriage_months is None:
        for name in ("spouse_birth_date", "spouse_sex", "spouse_invalidity_grade", "own_pension"):
            if getattr(data, name) is not None:
                raise PensionInputError(
                    "spouse_marriage_months",
                    "Pentru soțul supraviețuitor scrieți durata căsătoriei în luni.",
                )
        if data.death_work_accident or data.spouse_child_under_7:
            raise PensionInputError(
                "spouse_marriage_months",
                "Pentru soțul supraviețuitor scrieți durata căsătoriei în luni.",
            )


def survivor_estimate(data: EstimateInput) -> Estimate:
    """The survivor's pension starting on ``data.start_date``; bad input → PensionInputError."""
    _check_fields(data)
    start = check_date(data.start_date, "start_date")
    orphans = check_int(data.orphans, "orphans", MAX_CHILDREN)
    spouse = None
    if data.spouse_marriage_months is not None:
        spouse = spouse_right(
            start,
            data.spouse_marriage_months,
            data.spouse_birth_date,
            data.spouse_sex,
            data.spouse_invalidity_grade,
            bool(data.death_work_accident),
            bool(data.spouse_child_under_7),
        )
    survivors = orphans + (1 if spouse else 0)
    if not survivors:
        raise PensionInputError(
            "orphans",
            "Scrieți cel puțin un urmaș: numărul copiilor îndreptățiți (orphans) sau durata "
            "căsătoriei soțului supraviețuitor (spouse_marriage_months).",
        )
    other = None
    if data.other_parent_points is not None:
        other = check_decimal(data.other_parent_points, "other_parent_points", MAX_POINTS)
        if not orphans or spouse:
            raise PensionInputError(
                "other_parent_points",
                "Punctajul celuilalt părinte se dă numai pentru orfanii de ambii părinți "
                "(art. 80), fără soț supraviețuitor.",
            )
    own = None
    if data.own_pension is not None:
        own = check_decimal(data.own_pension, "own_pension", MAX_AMOUNT)

    # The deceased's points, by the usual steps (art. 85-88), with no age check; a deceased who
    # died before the Annex 5 age counts with the grade I invalidity pension (art. 79(1)).
    before_age = (
        data.birth_date is not None
        and data.sex is not None
        and (
            start
            < add_months(data.birth_date, age_and_stage(data.birth_date, data.sex).age.total_months)
        )
    )
    deceased = own_career_estimate(
        replace(
            data,
            kind=INVALIDITY if before_age else AGE,
            invalidity_grade=1 if before_age else None,
            birth_date=data.birth_date if before_age else None,
            sex=data.sex if before_age else None,
            orphans=0,
            spouse_marriage_months=None,
            spouse_birth_date=None,
            spouse_sex=None,
            spouse_invalidity_grade=None,
            death_work_accident=False,
            spouse_child_under_7=False,
            other_parent_points=None,
            own_pension=None,
        )
    )
    rules = ScoreRules.on(start)
    points_lines = list(deceased.section(POINTS))
    deceased_points = deceased.total_points
    percent = survivor_percent(survivors, start)
    points_lines.append(
        Line(
            f"Pensia de urmaș pentru {ro.count(survivors, 'urmaș', 'urmași')}: "
            f"{ro.number(percent.value)}% din punctajul susținătorului "
            f"({ro.number(deceased_points)} puncte)",
            rules.round(deceased_points * percent.value / 100) - deceased_points,
            percent.article,
            POINTS,
            percent.effective_from,
        )
    )
    if other is not None:
        other_percent = survivor_percent(orphans, start)
        points_lines += [
            Line(
                "Orfani de ambii părinți: se adaugă punctajul celuilalt părinte decedat",
                rules.round(other),
                "art. 80",
                POINTS,
            ),
            Line(
                f"Pensia de urmaș după celălalt părinte, pentru "
                f"{ro.count(orphans, 'urmaș', 'urmași')}: {ro.number(other_percent.value)}%",
                rules.round(other * other_percent.value / 100) - rules.round(other),
                f"art. 80; {other_percent.article}",
                POINTS,
                other_percent.effective_from,
            ),
        ]
    total_points = section_total(points_lines, POINTS)

    # Amount (art. 83), in equal parts.
    vpr = reference_point_values().at(start)
    assert vpr is not None  # the deceased's estimate checked the start date
    rounding = parameter("pension_rounding", start)
    exact = total_points * vpr.value
    gross_lines = [
        Line(
            f"Pensia de urmaș: {ro.number(total_points)} puncte × {ro.number(vpr.value)} lei "
            f"(valoarea punctului de referință)",
            exact,
            vpr.article,
            GROSS,
            vpr.effective_from,
        )
    ]
    part = (exact / survivors).quantize(ONE_LEU, rounding=ROUND_CEILING)
    if part * survivors != exact:
        label = (
            "Fracțiunea de leu se întregește la un leu, în favoarea pensionarului"
            if survivors == 1
            else f"Pensia se împarte în {survivors} părți egale de {ro.number(part)} lei; "
            f"fracțiunea de leu a fiecărei părți se întregește în favoarea pensionarului"
        )
        gross_lines.append(
            Line(label, part * survivors - exact, rounding.article, GROSS, rounding.effective_from)
        )
    notes: list[str] = [
        note
        for note in deceased.notes
        if not note.startswith(("Fără data nașterii", "Pensie de invaliditate", "Indemnizația"))
    ]
    if before_age:
        notes.append(
            "Susținătorul a decedat înainte de vârsta standard: pensia de urmaș se raportează la "
            "pensia de invaliditate de gradul I la care ar fi avut dreptul, cu stagiul potențial "
            "(art. 79 alin. (1), art. 66, art. 87 alin. (1) lit. a)). Dacă era deja pensionar, "
            "scrieți punctajul din decizia lui fără data nașterii."
        )
    spouse_part = part
    if spouse is not None:
        notes.append(f"Soțul supraviețuitor are dreptul ({spouse.article}): {spouse.reason}.")
        if spouse.reduction_percent:
            cut = part * spouse.reduction_percent / 100
            gross_lines.append(
                Line(
                    f"Diminuarea părții soțului: {ro.count(spouse.missing_months, 'lună', 'luni')}"
                    f" de căsătorie sub 15 ani × 0,5% = {ro.number(spouse.reduction_percent)}%",
                    -cut,
                    spouse.article,
                    GROSS,
                    spouse.rule_date,
                )
            )
            spouse_part = (part - cut).quantize(ONE_LEU, rounding=ROUND_CEILING)
            if spouse_part != part - cut:
                gross_lines.append(
                    Line(
                        "Fracțiunea de leu se întregește la un leu, în favoarea pensionarului",
                        spouse_part - (part - cut),
                        rounding.article,
                        GROSS,
                        rounding.effective_from,
                    )
                )
        if own is not None:
            spouse_part = _option(gross_lines, spouse_part, own, survivors, notes)

    # Net, each part on its own (each survivor is taxed on their own pension).
    groups = []
    if spouse is not None:
        groups.append(("Soțul supraviețuitor", 1, spouse_part))
    if orphans:
        groups.append(("Copil" if orphans == 1 else "Fiecare copil", orphans, part))
    net_lines: list[Line] = []
    shares = []
    health = tax = net = Decimal(0)
    net_dates = []
    indemnity = social_indemnities().at(start)
    for who, count, amount in groups:
        paid = net_on(amount, start, "start_date")
        net_dates.append(paid.rules_as_of)
        times = f" (× {count})" if count > 1 else ""
        for line in paid.lines:
            label = line.label if len(groups) == 1 and count == 1 else f"{who}{times}: {line.label}"
            net_lines.append(replace(line, label=label, value=line.value * count))
        health += paid.health_contribution * count
        tax += paid.income_tax * count
        net += paid.net * count
        shares.append(SurvivorShare(who, count, amount, paid.net))
        if indemnity is not None and amount < indemnity.value:
            notes.append(
                f"{who}: pensia brută ({ro.number(amount)} lei) este sub indemnizația socială "
                f"pentru pensionari ({ro.number(indemnity.value)} lei); fără alte pensii, casa de "
                f"pensii completează diferența."
            )
    gross = sum((amount * count for _who, count, amount in groups), Decimal(0))
    lines = tuple(points_lines + gross_lines + net_lines)
    dates = [day for day in [latest_rule_date(lines), *net_dates] if day is not None]
    return replace(
        deceased,
        total_points=total_points,
        amount_before_reduction=part * survivors,
        gross=gross,
        health_contribution=health,
        income_tax=tax,
        net=net,
        rules_as_of=max(dates),
        lines=lines,
        retirement=None,
        social_indemnity=None,
        companion_allowance=None,
        notes=tuple(notes),
        kind=SURVIVOR,
        survivors=SurvivorDetails(
            survivors,
            orphans,
            percent.value,
            deceased_points,
            other,
            spouse,
            tuple(shares),
        ),
    )


def _option(
    lines: list[Line], spouse_part: Decimal, own: Decimal, survivors: int, notes: list[str]
) -> Decimal:
    """Art. 79(3): the spouse's own pension or the survivor's part, the more favourable."""
    if own <= spouse_part:
        lines.append(
            Line(
                f"Opțiune: partea de pensie de urmaș ({ro.number(spouse_part)} lei) este mai "
                f"avantajoasă decât pensia proprie ({ro.number(own)} lei)",
                Decimal(0),
                "art. 79 alin. (3)",
                GROSS,
            )
        )
        return spouse_part
    if survivors == 1:
        lines.append(
            Line(
                f"Opțiune: pensia proprie ({ro.number(own)} lei) este mai avantajoasă decât "
                f"pensia de urmaș ({ro.number(spouse_part)} lei); se plătește pensia proprie",
                own - spouse_part,
                "art. 79 alin. (3)",
                GROSS,
            )
        )
        return own
    lines.append(
        Line(
            f"Opțiune: pensia proprie a soțului ({ro.number(own)} lei) este mai mare decât partea "
            f"sa din pensia de urmaș ({ro.number(spouse_part)} lei); dacă optează pentru ea, "
            f"pensia de urmaș se recalculează pentru ceilalți urmași (art. 81)",
            Decimal(0),
            "art. 79 alin. (3)",
            GROSS,
        )
    )
    notes.append(
        "Soțul poate alege pensia proprie (art. 79 alin. (3)); calculul de mai sus îl numără "
        "încă printre urmași. Refaceți calculul fără soț pentru partea celorlalți."
    )
    return spouse_part


__all__ = [
    "SpouseRight",
    "SurvivorDetails",
    "SurvivorShare",
    "spouse_right",
    "survivor_estimate",
    "survivor_percent",
]
