"""Reading a career record from the database into the pure `domain.career.record` shape."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.career import record as career
from webapp import models


def load_record(session: Session, cnp: str) -> career.CareerRecord | None:
    """The person's record, rows in date order, or None when nothing was imported for them."""
    head = session.get(models.CareerRecord, cnp)
    if head is None:
        return None
    months = session.scalars(
        select(models.CareerMonth)
        .where(models.CareerMonth.cnp == cnp)
        .order_by(models.CareerMonth.month, models.CareerMonth.employer_cui)
    )
    book = session.scalars(
        select(models.WorkBookEntry)
        .where(models.WorkBookEntry.cnp == cnp)
        .order_by(models.WorkBookEntry.start)
    )
    assimilated = session.scalars(
        select(models.CareerAssimilatedPeriod)
        .where(models.CareerAssimilatedPeriod.cnp == cnp)
        .order_by(models.CareerAssimilatedPeriod.start)
    )
    decided = session.scalars(
        select(models.CareerDecidedPoints)
        .where(models.CareerDecidedPoints.cnp == cnp)
        .order_by(models.CareerDecidedPoints.year)
    )
    return career.CareerRecord(
        cnp=cnp,
        current_to=head.current_to,
        monthly=tuple(
            career.MonthlyContribution(
                month=row.month,
                employer_cui=row.employer_cui,
                employer_name=row.employer_name,
                days=row.days,
                gross_income=row.gross_income,
                conditions=row.conditions,
                pillar2=row.pillar2,
            )
            for row in months
        ),
        work_book=tuple(
            career.WorkBookEntry(
                employer=row.employer,
                start=row.start,
                end=row.end,
                function=row.function,
                salary=row.salary,
                salary_kind=row.salary_kind,
                group=row.group,
                pay_unit=row.pay_unit,
                hours_or_days=row.hours_or_days,
            )
            for row in book
        ),
        assimilated=tuple(
            career.AssimilatedPeriod(
                kind=row.kind, start=row.start, end=row.end, document=row.document
            )
            for row in assimilated
        ),
        decided=tuple(
            career.DecidedPoints(year=row.year, points=row.points, decision=row.decision)
            for row in decided
        ),
    )
