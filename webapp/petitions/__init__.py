"""Electronic petitions in the account (/contul-meu/petitii), OG 27/2002: written, checked and
sent by the citizen, for themself or a person they administer; the answer read in the account."""
