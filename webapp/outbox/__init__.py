"""Transactional email: rows written to an outbox in the same transaction as the state change
(`queue_email`), then delivered over SMTP by `deliver_due`, retried with back-off; only a
permanent refusal (5xx, an address the relay cannot carry) is given up, after a few tries.

The package imports nothing heavy on purpose: the model module is imported by the migrations and
the views, the SMTP code only by the command-line sender.
"""
