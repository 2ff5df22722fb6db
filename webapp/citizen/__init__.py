"""The citizen's own account (/contul-meu)."""
