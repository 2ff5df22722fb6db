"""A real SMTP server on loopback (aiosmtpd) for the tests: a handler that keeps what it accepts
and can refuse; tests/conftest.py's `start_smtp` fixture runs it."""

import asyncio
import email
import socket
from dataclasses import dataclass
from email import policy

from aiosmtpd.controller import Controller


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.raw, policy=policy.default)


class Recorder:
    """An aiosmtpd handler that keeps what it accepts; it can refuse the first DATA commands
    with a 451, refuse some recipients with a 550, and take its time over each message."""

    def __init__(
        self,
        refuse_first: int = 0,
        refuse_rcpt=(),
        delay: float = 0.0,
        data_refusal: str = "451 4.3.0 Temporary failure, try again later",
        rcpt_refusal: str = "550 5.1.1 Mailbox unavailable",
    ):
        self.refuse_first = refuse_first
        self.refuse_rcpt = set(refuse_rcpt)
        self.delay = delay
        self.data_refusal = data_refusal
        self.rcpt_refusal = rcpt_refusal
        self.rcpt_refused = 0
        self.refused = 0
        self.received: list[Received] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_rcpt:
            self.rcpt_refused += 1
            return self.rcpt_refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refused < self.refuse_first:
            self.refused += 1
            return self.data_refusal
        if self.delay:
            await asyncio.sleep(self.delay)
        self.received.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
        )
        return "250 2.0.0 OK"

    def message_ids(self) -> list[str]:
        return [item.message["Message-ID"] for item in self.received]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def running_servers():
    """start(handler, port=None, **aiosmtpd options) -> the running Controller; stops them all
    when the generator is closed (the `start_smtp` fixture)."""
    controllers = []

    def start(handler, port=None, **options):
        controller = Controller(handler, hostname="127.0.0.1", port=port or free_port(), **options)
        controller.start()
        controllers.append(controller)
        return controller

    yield start
    for controller in controllers:
        controller.stop()
