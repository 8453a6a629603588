"""A trivial HTTP peer for bench-image-data.sh: PUT bodies are read and discarded, GET serves one file.
It measures what this machine's loopback and curl can do with no service in between."""
import http.server
import shutil
import sys

SERVED = sys.argv[2]


class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_PUT(self):
        remaining = int(self.headers.get("Content-Length", "0"))
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 1 << 20))
            if not chunk:
                break
            remaining -= len(chunk)
        self.send_response(204)
        self.end_headers()

    def do_GET(self):
        with open(SERVED, "rb") as data:
            data.seek(0, 2)
            size = data.tell()
            data.seek(0)
            self.send_response(200)
            self.send_header("Content-Length", str(size))
            self.end_headers()
            shutil.copyfileobj(data, self.wfile, 1 << 20)

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
