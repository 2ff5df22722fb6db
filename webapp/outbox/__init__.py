"""Transactional email: rows written to an outbox in the same transaction as the state change
(`queue_email`), then delivered over SMTP by `deliver_due`, retried with back-off, never dropped.

The package imports nothing heavy on purpose: the model module is imported by the migrations and
the views, the SMTP code only by the command-line sender.
"""
