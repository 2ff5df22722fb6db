"""The career record: its import, the citizen's career page, the counter's look-up."""
