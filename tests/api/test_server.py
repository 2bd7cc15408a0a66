"""The runner's socket and start-up refusals (the served behaviour is in the other tests)."""

import socket

import pytest

from goals_desktop.api.server import ServeError, bind_socket, is_loopback, url_for


def test_the_listening_socket_is_tcp_so_answers_are_not_delayed():
    # asyncio sets TCP_NODELAY only on accepted sockets whose proto is IPPROTO_TCP; socket.create_server
    # gives proto 0, and every answer's body then waited ~40 ms for a delayed ACK.
    with bind_socket("127.0.0.1", 0) as sock:
        assert sock.proto == socket.IPPROTO_TCP
        port = sock.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = sock.accept()
        with client, accepted:
            assert accepted.proto == socket.IPPROTO_TCP


def test_start_up_refusals_are_one_sentence():
    with bind_socket("127.0.0.1", 0) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(ServeError, match=rf"^Port {port} on 127.0.0.1 is already in use; choose another with --port\.$"):
            bind_socket("127.0.0.1", port)
    with pytest.raises(ServeError, match="^The port 70000 is not valid"):
        bind_socket("127.0.0.1", 70000)


def test_loopback_names_and_urls():
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost", "LOCALHOST"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.2", "example.org"))
    assert url_for("::1", 8765) == "http://[::1]:8765" and url_for("127.0.0.1", 80) == "http://127.0.0.1:80"
