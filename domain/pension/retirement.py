"""Standard retirement age and date, complete and minimum stage (art. 47, Annex 5), and the
age reductions that need no penalty: art. 51 (children) and art. 56 (long stage).

Readings of the law applied here:

- Annex 5 covers women born April 1944 - January 1970 and men born January 1939 - March 1950;
  anyone born later has 65 years, 35 / 15 years of stage (art. 47(1)-(3)). Earlier births are
  refused: the table has nothing for them.
- The standard date is the day the person reaches the age (birth date + age; someone born on a
  day the target month lacks, e.g. 29 February, reaches it on the month's last day).
- Art. 51: a woman who raised children to 16 retires 6 months earlier per child, at most 3 years
  6 months (table 3), only with the complete stage. Without a stage to check, ``retirement``
  applies it and says that it depends on the complete stage.
- Art. 56: 5 years or more beyond the complete stage allow a full pension up to 5 years early.
  Art. 57 forbids combining it with another reduction, so the earlier of the two dates applies
  (``earliest_full_pension_date``), never their sum.
- Art. 48, 52, 53 and the art. 54 caps: see ``reductions``. The reduced age is the lowest one the
  person qualifies for; ``reduced_by`` names the article that gives it.
- Art. 56 counts the *stage* (art. 3 q): contributory, plus the assimilated periods (studies,
  military service), ``total_stage``. The complete contributory stage it must exceed is still
  reached by the contributory stage alone (``stage``).
- Art. 58(1) and art. 59: an early pension is possible up to 5 years before the Annex 5 age, and
  the months of anticipation count from the Annex 5 age, not from an age reduced by art. 51.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from domain import ro
from domain.pension.errors import PensionInputError
from domain.pension.net import check_handicap
from domain.pension.periods import Span, Stage, YearMonth, add_months
from domain.pension.reductions import (
    check_condition_months,
    check_handicap_months,
    conditions_reduction,
    handicap_age,
    visual_any_age,
)
from domain.pension.tables import (
    annex5,
    annex5_bounds,
    children_reductions,
    int_parameter,
    law_in_force,
    parameter,
)
from domain.pension.validation import (
    MAX_CHILDREN,
    check_date,
    check_int,
    check_sex,
    check_stage,
)

NO_REDUCTION = Span(0)


@dataclass(frozen=True)
class RetirementResult:
    birth_date: date
    sex: str
    children: int
    annex5_age: Span
    annex5_date: date
    complete_stage: Span
    minimum_stage: Span
    children_reduction: Span
    standard_age: Span
    standard_date: date
    earliest_full_pension_date: date
    earliest_early_date: date
    articles: tuple[str, ...]
    notes: tuple[str, ...]
    rules_as_of: date
    conditions_reduction: Span = NO_REDUCTION
    handicap_reduction: Span = NO_REDUCTION
    any_age: bool = False
    reduced_by: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex,
            "children": self.children,
            "standard_age": self.standard_age.to_dict(),
            "standard_date": self.standard_date.isoformat(),
            "complete_stage": self.complete_stage.to_dict(),
            "minimum_stage": self.minimum_stage.to_dict(),
            "annex5_age": self.annex5_age.to_dict(),
            "annex5_date": self.annex5_date.isoformat(),
            "children_reduction": self.children_reduction.to_dict(),
            "earliest_full_pension_date": self.earliest_full_pension_date.isoformat(),
            "earliest_early_date": self.earliest_early_date.isoformat(),
            "articles": list(self.articles),
            "notes": list(self.notes),
            "rules_as_of": self.rules_as_of.isoformat(),
            "conditions_reduction": self.conditions_reduction.to_dict(),
            "handicap_reduction": self.handicap_reduction.to_dict(),
            "any_age": self.any_age,
            "reduced_by": self.reduced_by,
        }


@dataclass(frozen=True, slots=True)
class AgeAndStage:
    age: Span
    complete_stage: Span
    minimum_stage: Span
    article: str


def age_and_stage(birth_date: date, sex: str) -> AgeAndStage:
    """Annex 5 row for the birth month, or art. 47's 65 / 35 / 15 after the table's end."""
    birth = YearMonth(birth_date.year, birth_date.month)
    first, _last = annex5_bounds(sex)
    row = annex5().get((sex, birth))
    if row is not None:
        return AgeAndStage(row.age, row.complete_stage, row.minimum_stage, row.article)
    if birth < first:
        who = "femeile născute" if sex == "F" else "bărbații născuți"
        raise PensionInputError(
            "birth_date",
            f"Anexa nr. 5 la Legea nr. 360/2023 începe cu {who} în "
            f"{ro.month(date(first.year, first.month, 1))}; pentru o naștere anterioară nu avem "
            f"vârsta standard de pensionare.",
        )
    on = law_in_force()
    age = parameter("standard_age_years", on)
    complete = parameter("complete_stage_years", on)
    minimum = parameter("minimum_stage_years", on)
    return AgeAndStage(
        Span(int(age.value)),
        Span(int(complete.value)),
        Span(int(minimum.value)),
        f"{age.article}, {complete.article}, {minimum.article}",
    )


def retirement(
    birth_date: date,
    sex: str,
    children: int = 0,
    *,
    stage: Stage | None = None,
    special_months: int = 0,
    deosebite_months: int = 0,
    handicap: str | None = None,
    handicap_months: int = 0,
    visual_months: int = 0,
    total_stage: Stage | None = None,
) -> RetirementResult:
    """Standard age and date for a birth date and sex, with the art. 51 reduction for children.

    ``stage`` (contributory stage, with the art. 14(1)(e) child-raising periods that art. 47(4)
    adds) decides art. 51, art. 48 and art. 56; without it, art. 51 and 48 are assumed met and
    art. 56 unknown. ``total_stage`` (``stage`` plus the assimilated periods, art. 3 q)) is the
    stage art. 56 counts beyond the complete stage; None means ``stage``.
    ``special_months`` / ``deosebite_months`` (art. 48), ``handicap`` (grav, accentuat, mediu)
    with ``handicap_months`` (art. 52) and ``visual_months`` (art. 53) give the reductions of
    ``reductions``.
    """
    birth_date = check_date(birth_date, "birth_date")
    if birth_date > ro.today():
        raise PensionInputError("birth_date", "Data nașterii nu poate fi în viitor.")
    sex = check_sex(sex)
    children = check_int(children, "children", MAX_CHILDREN)
    stage = check_stage(stage)
    special_months, deosebite_months = check_condition_months(
        special_months, deosebite_months, stage
    )
    handicap = check_handicap(handicap)
    check_handicap_months(handicap, handicap_months, visual_months, stage)

    rules = age_and_stage(birth_date, sex)
    annex5_date = add_months(birth_date, rules.age.total_months)
    # Annex 5 also covers people who retired under the old law; its rows apply from 2024-09-01.
    on = max(annex5_date, law_in_force())
    articles = [rules.article]
    notes = []
    rule_dates = [law_in_force()]

    reduction = Span(0)
    if children and sex == "F":
        rows = [row for row in children_reductions(on) if row.value.children <= children]
        if rows:
            row = rows[-1]
            if stage is None or stage.at_least(rules.complete_stage):
                reduction = row.value.reduction
                articles.append(row.article)
                rule_dates.append(row.effective_from)
                if stage is None:
                    notes.append(
                        f"Reducerea de vârstă pentru copii (art. 51) se acordă numai cu stagiul "
                        f"complet de cotizare ({rules.complete_stage})."
                    )
            else:
                notes.append(
                    f"Reducerea de vârstă pentru copii (art. 51) cere stagiul complet de cotizare "
                    f"({rules.complete_stage}); stagiul dat este {stage}."
                )
    elif children:
        notes.append("Reducerea de vârstă pentru copii (art. 51) se aplică numai femeilor.")

    reduced_by = "art51" if reduction.total_months else ""
    conditions = Span(0)
    if special_months or deosebite_months:
        found = conditions_reduction(on, special_months, deosebite_months)
        if found and (stage is None or stage.at_least(rules.complete_stage)):
            conditions = Span.from_months(sum(item.span.total_months for item in found))
            articles.extend(item.article for item in found)
            rule_dates.extend(item.rule_date for item in found)
            reduced_by = "art48"
            if stage is None:
                notes.append(
                    f"Reducerea de vârstă pentru condiții deosebite sau speciale (art. 48) se "
                    f"acordă numai cu stagiul complet de cotizare ({rules.complete_stage})."
                )
        elif found:
            notes.append(
                f"Reducerea de vârstă pentru condiții deosebite sau speciale (art. 48 alin. (1)) "
                f"cere stagiul complet de cotizare ({rules.complete_stage}); stagiul dat este "
                f"{stage}."
            )
    combined = reduction.total_months + conditions.total_months
    if conditions.total_months:
        cap = parameter("age_reduction_max_months", on)
        floor = parameter(f"reduced_age_min_months_{sex}", on)
        if combined > int(cap.value):
            combined = int(cap.value)
            articles.append(cap.article)
            notes.append(
                "Reducerile de vârstă pentru copii și pentru condiții de muncă se cumulează până "
                "la cel mult 11 ani (art. 54 alin. (2))."
            )
        if rules.age.total_months - combined < int(floor.value):
            combined = rules.age.total_months - int(floor.value)
            articles.append(floor.article)
            notes.append(
                f"Vârsta redusă nu poate fi sub {Span.from_months(int(floor.value))} "
                f"(art. 54 alin. (3))."
            )
        notes.append(
            f"Vârsta standard se reduce cu {Span.from_months(combined)} pentru stagiul în condiții "
            f"speciale sau deosebite (art. 48 alin. (1), art. 54), fără diminuare."
        )
    standard_months = rules.age.total_months - combined

    handicap_span = Span(0)
    found_handicap, why_not = handicap_age(on, handicap, handicap_months, rules.complete_stage)
    if why_not:
        notes.append(why_not)
    if found_handicap is not None:
        handicap_span = found_handicap.span
        notes.append(found_handicap.note)
        if rules.age.total_months - handicap_span.total_months < standard_months:
            standard_months = rules.age.total_months - handicap_span.total_months
            articles.append(found_handicap.article)
            rule_dates.append(found_handicap.rule_date)
            reduced_by = "art52"
            if combined:
                notes.append(
                    "Reducerea pentru handicap (art. 52) nu se cumulează cu celelalte (art. 54 "
                    "alin. (2) nu o enumeră): se aplică cea mai favorabilă."
                )
    any_age, visual_article, visual_note = visual_any_age(on, visual_months, rules.complete_stage)
    if visual_note:
        notes.append(visual_note)
    if any_age:
        standard_months = 0
        articles.append(visual_article)
        reduced_by = "art53"

    standard_age = Span.from_months(standard_months)
    standard_date = add_months(birth_date, standard_age.total_months)

    earliest_full = standard_date
    extra = parameter("art56_extra_stage_years", on)
    art56_stage = total_stage if total_stage is not None else stage
    if (
        stage is not None
        and art56_stage is not None
        and stage.at_least(rules.complete_stage)
        and art56_stage.at_least(
            Span(rules.complete_stage.years + int(extra.value), rules.complete_stage.months)
        )
    ):
        art56_date = add_months(
            birth_date,
            rules.age.total_months - int_parameter("art56_max_months_earlier", on),
        )
        if art56_date < earliest_full:
            earliest_full = art56_date
            articles.append(extra.article)
            rule_dates.append(extra.effective_from)
            notes.append(
                f"Stagiul depășește cu cel puțin 5 ani stagiul complet: pensia pentru limită de "
                f"vârstă se poate cere fără diminuare de la {ro.short_date(art56_date)} (art. 56); "
                f"nu se cumulează cu alte reduceri (art. 57)."
            )

    early = parameter("early_max_months", on)
    earliest_early = add_months(birth_date, rules.age.total_months - int(early.value))
    rule_dates.append(early.effective_from)

    return RetirementResult(
        birth_date=birth_date,
        sex=sex,
        children=children,
        annex5_age=rules.age,
        annex5_date=annex5_date,
        complete_stage=rules.complete_stage,
        minimum_stage=rules.minimum_stage,
        children_reduction=reduction,
        standard_age=standard_age,
        standard_date=standard_date,
        earliest_full_pension_date=earliest_full,
        earliest_early_date=earliest_early,
        articles=tuple(articles),
        notes=tuple(notes),
        rules_as_of=max(rule_dates),
        conditions_reduction=Span.from_months(max(0, combined - reduction.total_months)),
        handicap_reduction=handicap_span,
        any_age=any_age,
        reduced_by=reduced_by if standard_months < rules.age.total_months else "",
    )
