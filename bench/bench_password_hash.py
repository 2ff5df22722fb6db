"""Cost of hashing and checking a password with the method the site uses (webapp/auth/passwords.py).

The cost is what slows down guessing a stolen hash, and also what each sign-in costs the server.
Prints medians over RUNS runs and the memory scrypt needs (128 * n * r bytes).
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from webapp.auth.passwords import METHOD, hash_password, verify_password

RUNS = 20


def median_ms(function) -> float:
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    stored = hash_password("Pensie2026!")
    hashing = median_ms(lambda: hash_password("Pensie2026!"))
    checking = median_ms(lambda: verify_password(stored, "Pensie2026!"))
    _, n, r, p = METHOD.split(":")
    memory_mib = 128 * int(n) * int(r) / 2**20
    print(f"method: {METHOD} (n={n}, r={r}, p={p}), memory per hash: {memory_mib:.0f} MiB")
    print("| operation | median (ms) |")
    print("|---|---:|")
    print(f"| hash a password | {hashing:.1f} |")
    print(f"| check a password | {checking:.1f} |")


if __name__ == "__main__":
    main()
