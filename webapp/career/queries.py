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
    # Plain rows, not ORM objects: a 45-year record has some 600 of them, and building mapped
    # instances for a read-only page costs more than the page's own arithmetic.
    month = models.CareerMonth
    months = session.execute(
        select(
            month.month,
            month.employer_cui,
            month.employer_name,
            month.days,
            month.gross_income,
            month.conditions,
            month.pillar2,
        )
        .where(month.cnp == cnp)
        .order_by(month.month, month.employer_cui)
    )
    entry = models.WorkBookEntry
    book = session.execute(
        select(
            entry.employer,
            entry.start,
            entry.end,
            entry.function,
            entry.salary,
            entry.salary_kind,
            entry.group,
            entry.pay_unit,
            entry.hours_or_days,
        )
        .where(entry.cnp == cnp)
        .order_by(entry.start)
    )
    period = models.CareerAssimilatedPeriod
    assimilated = session.execute(
        select(period.kind, period.start, period.end, period.document)
        .where(period.cnp == cnp)
        .order_by(period.start)
    )
    points = models.CareerDecidedPoints
    decided = session.execute(
        select(points.year, points.points, points.decision)
        .where(points.cnp == cnp)
        .order_by(points.year)
    )
    return career.CareerRecord(
        cnp=cnp,
        current_to=head.current_to,
        monthly=tuple(career.MonthlyContribution(*row) for row in months),
        work_book=tuple(career.WorkBookEntry(*row) for row in book),
        assimilated=tuple(career.AssimilatedPeriod(*row) for row in assimilated),
        decided=tuple(career.DecidedPoints(*row) for row in decided),
    )
