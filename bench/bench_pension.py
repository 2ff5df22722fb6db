"""Benchmark: estimate a 45-year career given month by month (540 income entries).

Prints the median of many runs in milliseconds; the budget is 5 ms. Run from the repository root:

    .venv/bin/python bench/bench_pension.py [runs]
"""

import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from domain.pension import (
    EstimateInput,
    IncomeEntry,
    Stage,
    YearMonth,
    estimate,
    estimate_from_query,
)

BUDGET_MS = 5.0
# 45 years whose every month has a divisor in the data: 1953-1990 (Annex 7; 1967-1990 with the
# art. 143 increase) and 2019-2025 (INS monthly to August 2024, then the CSMB). 2012-2018 have
# INS months missing, which the estimate refuses.
YEARS = [*range(1953, 1991), *range(2019, 2026)]


def career() -> EstimateInput:
    entries = tuple(
        IncomeEntry(year, month, Decimal(1000 + 37 * month + (year % 50) * 91))
        for year in YEARS
        for month in range(1, 13)
    )
    assert len(entries) == 540
    return EstimateInput(
        start_date=date(2026, 1, 1),
        contributory_stage=Stage(45),
        income=entries,
        pillar2_from=YearMonth(2019, 1),
        assimilated_months=60,
        deosebite_months=24,
        birth_date=date(1945, 6, 10),
        sex="M",
    )


def query(data: EstimateInput) -> dict[str, list[str]]:
    return {
        "start_date": [data.start_date.isoformat()],
        "contributory_years": ["45"],
        "income": [str(entry) for entry in data.income],
        "pillar2_from": ["2019-01"],
        "assimilated_months": ["60"],
        "deosebite_months": ["24"],
        "birth_date": ["1945-06-10"],
        "sex": ["M"],
    }


def median_ms(function, runs: int) -> float:
    function()  # warm the table caches
    timings = []
    for _ in range(runs):
        begin = time.perf_counter()
        function()
        timings.append((time.perf_counter() - begin) * 1000)
    return statistics.median(timings)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    data = career()
    params = query(data)
    result = estimate(data)
    rules_ms = median_ms(lambda: estimate(data), runs)
    query_ms = median_ms(lambda: estimate_from_query(params), runs)
    print(
        f"career: {len(data.income)} monthly entries, {result.total_points} points, "
        f"gross {result.gross} lei, net {result.net} lei"
    )
    print(
        f"estimate(EstimateInput): median {rules_ms:.3f} ms over {runs} runs "
        f"(budget {BUDGET_MS} ms)"
    )
    print(f"estimate_from_query (parsing included): median {query_ms:.3f} ms")
    return 0 if rules_ms <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
