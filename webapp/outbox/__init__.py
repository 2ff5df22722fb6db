"""Transactional email: rows written to an outbox in the same transaction as the state change
(`queue_email`), then delivered over SMTP by `deliver_due`, retried with back-off; only a
permanent refusal (5xx, an address the relay cannot carry) is given up, after a few tries.

The table is webapp.models.OutboxEmail. The package imports nothing heavy on purpose: the views
import the queue, the SMTP code only the command-line sender.
"""
