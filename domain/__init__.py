"""Pure rules and data: pension rules, reference data, the life-certificate windows. No Flask,
Werkzeug, SQLAlchemy, Jinja or WTForms here (import-linter contracts in pyproject.toml)."""
