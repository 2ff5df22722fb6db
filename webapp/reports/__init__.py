"""Career reports in the account (/contul-meu/rapoarte): asked for in a form, made by the
worker (a background job), downloaded by their owner; /verificare checks a printout's code."""
