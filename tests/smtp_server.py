"""A small SMTP server on a local socket for the mail tests: it refuses the first
``refuse`` connections (421, as a busy or broken server does) and then accepts
and records messages."""

import socket
import threading


class LocalSMTPServer:
    def __init__(self, refuse=0):
        self.refuse = refuse
        self.connections = 0
        self.messages = []  # raw DATA of each message accepted
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(5)
        self.port = self._sock.getsockname()[1]
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop = True
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        except OSError:
            pass
        self._thread.join(timeout=5)
        self._sock.close()

    def _serve(self):
        while not self._stop:
            conn, _ = self._sock.accept()
            if self._stop:
                conn.close()
                break
            self.connections += 1
            with conn:
                if self.connections <= self.refuse:
                    conn.sendall(b"421 127.0.0.1 Service not available, closing channel\r\n")
                    continue
                self._session(conn)

    def _session(self, conn):
        reader = conn.makefile("rb")
        conn.sendall(b"220 127.0.0.1 ESMTP test\r\n")
        while True:
            line = reader.readline()
            if not line:
                return
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                conn.sendall(b"250 127.0.0.1\r\n")
            elif command.startswith((b"MAIL", b"RCPT", b"RSET", b"NOOP")):
                conn.sendall(b"250 OK\r\n")
            elif command == b"DATA":
                conn.sendall(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                data = []
                while True:
                    chunk = reader.readline()
                    if chunk in (b".\r\n", b""):
                        break
                    data.append(chunk)
                self.messages.append(b"".join(data))
                conn.sendall(b"250 OK queued\r\n")
            elif command == b"QUIT":
                conn.sendall(b"221 Bye\r\n")
                return
            else:
                conn.sendall(b"502 Command not implemented\r\n")
