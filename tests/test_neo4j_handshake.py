"""Connecting to a server that takes the TCP connection but leaves the Bolt handshake unanswered."""

import socket
import threading

import pytest

from newsgraph.errors import StoreUnavailable
from newsgraph.graph.neo4j_store import Neo4jStore


def test_an_unanswered_handshake_is_tried_once_more_then_named():
    """FalkorDB's Bolt port leaves the first connection after a client left unanswered and serves the next: the
    store shakes hands a second time before it gives up, and then says it cannot reach the server."""
    accepted: list[socket.socket] = []
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.settimeout(0.2)
        port = listener.getsockname()[1]
        done = threading.Event()

        def accept() -> None:
            while not done.is_set():
                try:
                    accepted.append(listener.accept()[0])  # kept open, never answered
                except TimeoutError:
                    continue

        thread = threading.Thread(target=accept, daemon=True)
        thread.start()
        try:
            with pytest.raises(StoreUnavailable, match=f"cannot reach Neo4j at bolt://127.0.0.1:{port}"):
                Neo4jStore(f"bolt://127.0.0.1:{port}", "neo4j", "", connection_timeout=0.5)
        finally:
            done.set()
            thread.join()
            for conn in accepted:
                conn.close()
    # the knock that checks the port is open, then one handshake and the one more try
    assert len(accepted) == 3
