"""The local Messages API server both Claude breakdown test modules talk to."""

import pytest

from support.breakdown_answers import answer_breakdown
from support.messages_server import MessagesServer


@pytest.fixture
def server():
    with MessagesServer(answer_for=answer_breakdown) as running:
        yield running
