"""Who is signed in: citizens and staff, sessions kept on the server, passwords, the staff second factor, the sign-in throttle, activation and reset links, the staff CLI."""
