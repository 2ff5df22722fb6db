"""Payment of the pension into a bank account (/plata-card)."""
