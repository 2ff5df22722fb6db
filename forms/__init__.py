"""WTForms classes and validators, one module per journey. No database, no HTTP."""
