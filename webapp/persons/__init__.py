"""The persons an account administers (/contul-meu/persoane), and acting for one of them."""
