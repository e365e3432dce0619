"""A test-only email backend that delivers two messages per connection, then loses the
connection: a mail server failing half-way through a batch."""

from django.core.mail.backends.base import BaseEmailBackend

DELIVERED_PER_CONNECTION = 2
sent = []  # what was delivered, across connections; tests clear it


class FailsAfterTwoBackend(BaseEmailBackend):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.delivered = 0

    def send_messages(self, email_messages):
        for message in email_messages:
            if self.delivered == DELIVERED_PER_CONNECTION:
                raise ConnectionError("The mail server closed the connection")
            sent.append(message)
            self.delivered += 1
        return len(email_messages)
