"""The first page and the pages every public site has (privacy)."""
