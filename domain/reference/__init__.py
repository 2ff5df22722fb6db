"""Reference tables (counties, county pension houses, banks), loaded from CSV files. No Flask."""
