"""Messages to an account, shown in the account (the full list page is issue 12's)."""
