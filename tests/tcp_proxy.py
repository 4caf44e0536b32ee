"""A loopback TCP proxy for tests that need a server to misbehave: subclass it and override `relay`."""

from __future__ import annotations

import socket
import threading
from typing import Literal

Direction = Literal["up", "down"]  # up: client → server; down: server → client


class TcpProxy:
    """Forwards every connection to 127.0.0.1:`target_port`, passing each chunk through `relay`."""

    def __init__(self, target_port: int) -> None:
        self._target_port = target_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.connections = 0
        self._sockets: list[socket.socket] = [self._listener]
        self._threads = [threading.Thread(target=self._accept, daemon=True)]
        self._threads[0].start()

    def relay(self, direction: Direction, data: bytes, connection: int) -> bytes | None:
        """What to forward for `data` on the `connection`-th connection (0 first); None cuts the connection."""
        return data

    def close(self) -> None:
        for sock in self._sockets:
            _hang_up(sock)
        for thread in self._threads:
            thread.join(timeout=5)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
                upstream = socket.create_connection(("127.0.0.1", self._target_port))
            except OSError:
                return
            number = self.connections
            self.connections += 1
            self._sockets += [client, upstream]
            for source, target, direction in ((client, upstream, "up"), (upstream, client, "down")):
                thread = threading.Thread(target=self._pump, args=(source, target, direction, number), daemon=True)
                self._threads.append(thread)
                thread.start()

    def _pump(self, source: socket.socket, target: socket.socket, direction: Direction, connection: int) -> None:
        try:
            while data := source.recv(65536):
                forward = self.relay(direction, data, connection)
                if forward is None:
                    break
                target.sendall(forward)
        except OSError:
            pass
        for sock in (source, target):
            _hang_up(sock)


def _hang_up(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
