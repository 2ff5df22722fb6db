"""The online-account request (/cont) and its status page (/stare): views, the submission service, the answers shown back."""
