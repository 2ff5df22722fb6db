"""The pages Romanian law asks of a public-sector site (B4): accessibility statement, privacy
notice, cookies, contact and who runs the site. Linked from every page's footer."""
