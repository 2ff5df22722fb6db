"""Payment of the pension into an account abroad (/plata-strainatate)."""
