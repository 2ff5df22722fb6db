"""One page of a long list: the rows, the count and the links to the pages either side."""

import math
import re
from collections.abc import Callable

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

PAGE_NUMBER = re.compile(r"[0-9]{1,6}")


def page_number(asked: str, pages: int) -> int:
    """The ?pagina= value as typed: anything but a page number means the first page, and a
    number past the end means the last."""
    # ASCII digits only: str.isdigit() accepts "²", which int() refuses.
    return min(int(asked), pages) if PAGE_NUMBER.fullmatch(asked) and int(asked) > 0 else 1


def paginate(
    session: Session,
    query: Select,
    order,
    size: int,
    asked: str,
    url_for_page: Callable[[int], str],
) -> dict:
    """asked: the ?pagina= value as typed; anything but a page number means the first page, and
    a number past the end means the last."""
    total = session.execute(
        select(func.count()).select_from(query.order_by(None).subquery())
    ).scalar_one()
    pages = max(1, math.ceil(total / size))
    number = page_number(asked, pages)
    items = session.execute(query.order_by(*order).limit(size).offset((number - 1) * size))
    page = {
        "rows": items.unique().scalars().all(),
        "total": total,
        "number": number,
        "pages": pages,
    }
    return page | page_links(page, url_for_page)


def page_links(page: dict, url_for_page: Callable[[int], str]) -> dict:
    """The links to the pages either side of page["number"] (None at either end)."""
    number, pages = page["number"], page["pages"]
    return {
        "previous": url_for_page(number - 1) if number > 1 else None,
        "next": url_for_page(number + 1) if number < pages else None,
    }
