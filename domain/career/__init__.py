"""The insured person's career record (the citizen's side of CNPP's register) and what is read
from it: stages, points per year, reports. Pure: no Flask, SQLAlchemy, Jinja or WTForms."""
