"""The volume bench's data (bench/bench_volume.py), generated inside PostgreSQL by INSERT … SELECT
generate_series: no row crosses the network, so a million requests take seconds, not hours.

At scale 1: 1,080,000 account requests submitted from January 2024 to today (the last 40,000,
about six weeks, still open: 70 % submitted, 30 % registered; of the others 1 in 26 was
rejected or expired, the rest approved), so exactly 1,000,000 approved requests, each with its
citizen account (the table's request_id is unique: an account needs an approved request of its
own), 1 in 50 of them not activated yet; 40,000 career records with 250 monthly rows each (10,000,000 rows) and two work-book
entries each; 100,000 petitions, a third open; two clerks per county house; the emails each
applicant was sent (about 3,000,000, bodies purged as after the retention period).

Distributions: the 42 county houses (Bucharest 9 %, the others evenly), applicants born
1940-2000 with valid CNPs (the county digits of the house chosen, the check digit computed),
Romanian names with diacritics, several mail domains. Every value is derived from the row
number (the dates relative to today), so two runs at one scale give the same data.
"""

import json
import time

# The CNP's county digits (JJ) of each county house's code; Bucharest has six sectors (41-46).
CNP_COUNTY = {
    "AB": "01", "AR": "02", "AG": "03", "BC": "04", "BH": "05", "BN": "06", "BT": "07",
    "BV": "08", "BR": "09", "BZ": "10", "CS": "11", "CJ": "12", "CT": "13", "CV": "14",
    "DB": "15", "DJ": "16", "GL": "17", "GJ": "18", "HR": "19", "HD": "20", "IL": "21",
    "IS": "22", "IF": "23", "MM": "24", "MH": "25", "MS": "26", "NT": "27", "OT": "28",
    "PH": "29", "SM": "30", "SJ": "31", "SB": "32", "SV": "33", "TR": "34", "TM": "35",
    "TL": "36", "VS": "37", "VL": "38", "VN": "39", "CL": "51", "GR": "52", "B": "41",
    }  # fmt: skip
LAST_NAMES = [
    "Popescu", "Ionescu", "Popa", "Pop", "Radu", "Dumitru", "Stan", "Stoica", "Gheorghe",
    "Matei", "Ciobanu", "Constantin", "Rusu", "Mihai", "Mocanu", "Ștefănescu", "Țăranu",
    "Munteanu", "Oprea", "Lupu", "Bălan", "Nistor", "Dinu", "Tudor", "Moldovan", "Cristea",
    "Florea", "Andrei", "Sârbu", "Zamfir", "Căpraru", "Țurcanu",
    ]  # fmt: skip
FIRST_NAMES_F = [
    "Maria", "Elena", "Ioana", "Ana", "Mihaela", "Cristina", "Gabriela", "Ștefania",
    "Florentina", "Doina", "Viorica", "Lăcrămioara", "Rodica", "Aurelia",
    ]  # fmt: skip
FIRST_NAMES_M = [
    "Ion", "Gheorghe", "Vasile", "Constantin", "Nicolae", "Mihai", "Ștefan", "Dumitru",
    "Florin", "Costică", "Alexandru", "Marian", "Petru", "Aurel",
    ]  # fmt: skip
DOMAINS = ["gmail.com", "yahoo.com", "yahoo.ro", "outlook.com", "example.ro"]

# Raised whenever the generated data changes: a database of another version is generated afresh.
VERSION = 2
ACCOUNTS = 1_000_000
OPEN_REQUESTS = 40_000
# 1 in CLOSED_EVERY of the older requests is rejected and 1 expired; the rest are approved.
CLOSED_EVERY = 52
CAREER_PEOPLE = 40_000
CAREER_MONTHS = 10_000_000
PETITIONS = 100_000


def sizes(scale: float) -> dict:
    accounts = max(50, round(ACCOUNTS * scale))
    older = accounts * CLOSED_EVERY // (CLOSED_EVERY - 2)
    open_requests = max(20, round(OPEN_REQUESTS * scale))
    people = max(10, round(CAREER_PEOPLE * scale))
    return {
        "requests": older + open_requests,
        "open": open_requests,
        "people": people,
        "months_each": max(1, round(CAREER_MONTHS * scale / people)),
        "petitions": max(100, round(PETITIONS * scale)),
    }


def _hash(column: str) -> str:
    """A well-mixed non-negative integer from a row number (Knuth's multiplicative hash)."""
    return f"(({column}::bigint * 2654435761) %% 4294967296)"


H = _hash("g")

CNP_CHECK = """
CREATE FUNCTION pg_temp.cnp_check(base text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT (CASE WHEN s % 11 = 10 THEN 1 ELSE s % 11 END)::text
  FROM (SELECT sum(substr(base, i, 1)::int * substr('279146358279', i, 1)::int) AS s
        FROM generate_series(1, 12) AS i) AS sums
$$
"""

STAFF = """
INSERT INTO staff_members (id, email, password_hash, county_code, role, active, created_at,
                           totp_secret)
SELECT 2 * c.n - 1 + k, 'functionar' || (k + 1) || '.' || lower(c.code) || '@cjp.ro',
       %(hash)s, c.code, 'clerk', true, now() - interval '3 years', %(totp)s
FROM unnest(%(codes)s::text[]) WITH ORDINALITY AS c(code, n), generate_series(0, 1) AS k
"""

# The rows are numbered g = 1 … n in submission order.
REQUESTS = f"""
INSERT INTO account_requests (
    id, reference, status, cnp, email, office_code, answers, submitted_at,
    registration_number, registered_on, registered_at, registered_county, registered_by_id,
    checklist, decided_at, decided_by_id, rejection_reason)
SELECT g,
       'CC-' || extract(year FROM submitted_at)::int || '-' || lpad(
           (row_number() OVER (PARTITION BY extract(year FROM submitted_at) ORDER BY g))::text,
           6, '0'),
       status, cnp, email, office_code,
       (%(template)s::jsonb || jsonb_build_object(
           'last_name', last_name, 'first_name', first_name, 'cnp', cnp, 'email', email,
           'birth_date', birth::text, 'sex', sex, 'county_code', office_code,
           'office_code', office_code, 'id_series', left(office_code || 'X', 2),
           'id_number', lpad((h %% 1000000)::text, 6, '0')))::json,
       submitted_at,
       CASE WHEN registered THEN 'R-' || g END,
       CASE WHEN registered THEN (registered_at AT TIME ZONE 'Europe/Bucharest')::date END,
       CASE WHEN registered THEN registered_at END,
       CASE WHEN registered THEN office_code END,
       CASE WHEN registered THEN 2 * house - 1 END,
       CASE WHEN registered THEN '{{"id_seen": true}}'::json END,
       CASE WHEN status IN ('approved', 'rejected') THEN registered_at + interval '2 hours' END,
       CASE WHEN status IN ('approved', 'rejected') THEN 2 * house END,
       CASE WHEN status = 'rejected' THEN 'Actul de identitate prezentat nu corespunde.' END
FROM (
    SELECT *, base || pg_temp.cnp_check(base) AS cnp,
           translate(lower(last_name), 'ăâîșț', 'aaist') || '.' || g || '@'
               || (%(domains)s::text[])[1 + h %% 5] AS email,
           status IN ('registered', 'approved', 'rejected') AS registered,
           least(submitted_at + (1 + h %% 9) * interval '1 day', now() - interval '1 hour')
               AS registered_at
    FROM (
        SELECT *,
               CASE WHEN sex = 'M' THEN (CASE WHEN birth < '2000-01-01' THEN 1 ELSE 5 END)
                       ELSE (CASE WHEN birth < '2000-01-01' THEN 2 ELSE 6 END) END
               || to_char(birth, 'YYMMDD')
               || CASE WHEN office_code = 'B' THEN '4' || (1 + h %% 6)
                       ELSE (%(cnp_counties)s::jsonb ->> office_code) END
               || lpad(((g / 22000) %% 999 + 1)::text, 3, '0') AS base,
               (%(last_names)s::text[])[1 + (h / 7) %% %(n_last)s] AS last_name,
               CASE WHEN sex = 'M' THEN (%(first_m)s::text[])[1 + (h / 11) %% %(n_first_m)s]
                    ELSE (%(first_f)s::text[])[1 + (h / 11) %% %(n_first_f)s] END AS first_name
        FROM (
            SELECT g, h, office_code, array_position(%(codes)s::text[], office_code) AS house,
                   date '1940-01-01' + ((g::bigint * 7919) %% 22000)::int AS birth,
                   CASE WHEN h %% 2 = 0 THEN 'M' ELSE 'F' END AS sex,
                   CASE WHEN g > %(n)s - %(open)s
                            THEN (CASE WHEN g %% 10 < 3 THEN 'registered' ELSE 'submitted' END)
                        WHEN g %% {CLOSED_EVERY} = 0 THEN 'rejected'
                        WHEN g %% {CLOSED_EVERY} = 1 THEN 'expired'
                        ELSE 'approved' END AS status,
                   timestamptz '2024-01-02 08:00+02'
                       + (now() - interval '1 hour' - timestamptz '2024-01-02 08:00+02')
                         * (g::float8 / %(n)s) - (h %% 600) * interval '1 second'
                       AS submitted_at
            FROM (
                SELECT g, {H} AS h,
                       CASE WHEN {H} %% 100 < 9 THEN 'B'
                            ELSE (%(codes)s::text[])[1 + ({H} / 100) %% 42] END AS office_code
                FROM generate_series(1, %(n)s) AS g
            ) AS numbered
        ) AS dated
    ) AS named
) AS full_rows
"""

REFERENCE_COUNTERS = """
INSERT INTO reference_counters (prefix, year, last)
SELECT 'CC', split_part(reference, '-', 2)::int, max(split_part(reference, '-', 3)::int)
FROM account_requests GROUP BY 2
"""

ACCOUNTS_SQL = """
INSERT INTO citizen_accounts (email, request_id, password_hash, created_at, activated_at,
                              password_changed_at)
SELECT email, id, %(hash)s, decided_at, decided_at + interval '1 day',
       decided_at + interval '1 day'
FROM account_requests WHERE status = 'approved' ORDER BY id
"""

# One account in 50 not activated yet (the link emailed, not used): no password.
NOT_ACTIVATED = """
UPDATE citizen_accounts SET password_hash = NULL, activated_at = NULL, password_changed_at = NULL
WHERE id %% 50 = 0
"""

# Every (accounts / people)-th account holder has a career record, inserted in CNP order so
# that the monthly rows below come out in the order of their unique index.
CAREER_RECORDS = """
INSERT INTO career_records (cnp, current_to, imported_at)
SELECT cnp, date '2026-10-31', now() - interval '10 days'
FROM (SELECT r.cnp, row_number() OVER (ORDER BY r.id) AS n
      FROM account_requests r WHERE r.status = 'approved') AS holders
WHERE n %% %(every)s = 1
ORDER BY cnp
LIMIT %(people)s
"""

# months_each consecutive months ending October 2026; a new employer every five years.
CAREER_MONTHS_SQL = f"""
INSERT INTO career_months (cnp, month, employer_cui, employer_name, days, gross_income,
                           conditions, pillar2)
SELECT r.cnp, month, cui, 'SC ' || cui || ' SRL', 21 - (m %% 3),
       round((1200 + m * 14 + (h %% 1500))::numeric, 2),
       CASE WHEN h %% 20 = 0 THEN 'deosebite' ELSE 'normale' END,
       month >= date '2008-01-01'
FROM (SELECT cnp, {_hash("substr(cnp, 8, 6)::int")} AS h FROM career_records) AS r,
     LATERAL (
         SELECT m, (date '2026-10-01' - (%(months)s - 1 - m) * interval '1 month')::date AS month,
                (10000000 + ((r.h + m / 60) * 7919) %% 89999999)::text AS cui
         FROM generate_series(0, %(months)s - 1) AS m
     ) AS months
"""

WORK_BOOK = """
INSERT INTO work_book_entries (cnp, employer, start, "end", function, salary, salary_kind,
                               "group", pay_unit)
SELECT cnp, 'Întreprinderea ' || k, date '1980-09-01' + k * interval '10 years',
       date '1990-08-31' + k * interval '10 years', 'muncitor', 3000 + k * 500000,
       CASE WHEN k = 0 THEN 'net' ELSE 'brut' END, '', 'luna'
FROM career_records, generate_series(0, 1) AS k
"""

PETITIONS_SQL = f"""
INSERT INTO petitions (reference, account_id, subject_cnp, subject_name, category, county_code,
                       first_county_code, title, text, status, registered_at, due_on)
SELECT 'PT-2026-' || lpad(g::text, 6, '0'), a.id, r.cnp,
       (r.answers ->> 'last_name') || ' ' || (r.answers ->> 'first_name'), 'calcul',
       r.office_code, r.office_code, 'Petiția numărul ' || g,
       repeat('Vă rog să verificați stagiul de cotizare. ', 10),
       CASE WHEN {H} %% 3 = 0
            THEN (ARRAY['registered', 'in_progress', 'extended', 'forwarded'])[1 + {H} / 3 %% 4]
            ELSE (ARRAY['answered', 'closed'])[1 + {H} / 3 %% 2] END,
       now() - ({H} %% 90) * interval '1 day',
       current_date + ({H} %% 106 - 60)::int
FROM generate_series(1, %(petitions)s) AS g
JOIN citizen_accounts a ON a.id = 1 + (g * 7) %% %(accounts)s
JOIN account_requests r ON r.id = a.request_id
"""

# What the site sent each applicant: the submission email, the registration and the activation or
# rejection; bodies blanked as the retention purge leaves them (webapp/retention.py).
OUTBOX = """
INSERT INTO outbox_emails (recipient, template, subject, text_body, html_body, message_uid,
                           created_at, attempts, next_attempt_at, sent_at, purged_at)
SELECT r.email, e.template, e.template, '', '', md5(r.id || e.template), e.at, 1, e.at, e.at,
       CASE WHEN e.at < now() - interval '90 days' THEN e.at + interval '90 days' END
FROM account_requests r,
     LATERAL (VALUES ('submitted', r.submitted_at), ('registered', r.registered_at),
                     (CASE r.status WHEN 'approved' THEN 'activation'
                                    WHEN 'rejected' THEN 'rejection' END, r.decided_at))
         AS e(template, at)
WHERE e.at IS NOT NULL AND e.template IS NOT NULL
ORDER BY r.id, e.at
"""

BIG_TABLES = (
    "account_requests",
    "citizen_accounts",
    "career_records",
    "career_months",
    "work_book_entries",
    "petitions",
    "staff_members",
    "reference_counters",
)


def generate(connection, scale: float, staff_hash: str, citizen_hash: str, totp: str, log):
    """Fills the migrated, empty database; returns {step: seconds}. `connection`: a psycopg
    connection in autocommit mode (each step is its own transaction)."""
    from domain.reference.counties import all_counties
    from tests.builders import answers_for

    n = sizes(scale)
    codes = [county.code for county in all_counties()]
    template = {k: v for k, v in answers_for(1).items()}
    params = {
        "n": n["requests"],
        "open": n["open"],
        "codes": codes,
        "template": json.dumps(template, ensure_ascii=False),
        "domains": DOMAINS,
        "cnp_counties": json.dumps(CNP_COUNTY),
        "last_names": LAST_NAMES,
        "n_last": len(LAST_NAMES),
        "first_m": FIRST_NAMES_M,
        "n_first_m": len(FIRST_NAMES_M),
        "first_f": FIRST_NAMES_F,
        "n_first_f": len(FIRST_NAMES_F),
        "hash": citizen_hash,
        "totp": totp,
        "people": n["people"],
        "every": max(1, round(ACCOUNTS * scale) // n["people"]),
        "months": n["months_each"],
        "petitions": n["petitions"],
        "accounts": max(50, round(ACCOUNTS * scale)),
    }
    timings = {}
    cursor = connection.cursor()
    # Replica mode skips the foreign-key triggers: 10 million checks of keys that hold by
    # construction (every row's parent is inserted in an earlier step). Superuser only.
    cursor.execute("SET session_replication_role = replica")
    cursor.execute(CNP_CHECK)
    steps = [
        ("staff members", STAFF, {**params, "hash": staff_hash}),
        ("account requests", REQUESTS, params),
        ("reference counters", REFERENCE_COUNTERS, params),
        ("citizen accounts", ACCOUNTS_SQL, params),
        ("accounts not activated", NOT_ACTIVATED, params),
        ("career records", CAREER_RECORDS, params),
        ("career months", CAREER_MONTHS_SQL, params),
        ("work-book entries", WORK_BOOK, params),
        ("petitions", PETITIONS_SQL, params),
        ("outbox emails", OUTBOX, params),
    ]
    for label, sql, values in steps:
        started = time.perf_counter()
        cursor.execute(sql, values)
        timings[label] = time.perf_counter() - started
        log(f"  {label}: {cursor.rowcount:,} rows in {timings[label]:.1f} s")
    cursor.execute("SET session_replication_role = origin")
    for table in ("account_requests", "staff_members", "petitions", "outbox_emails"):
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table}))"
        )
    # What autovacuum does soon after a bulk load: statistics and the visibility map (without
    # it no index-only scan). Done here so the figures do not depend on when it ran.
    started = time.perf_counter()
    cursor.execute("VACUUM ANALYZE")
    timings["vacuum analyze"] = time.perf_counter() - started
    log(f"  vacuum analyze: {timings['vacuum analyze']:.1f} s")
    return timings
