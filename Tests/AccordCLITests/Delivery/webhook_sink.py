"""A local HTTP server for the webhook tests: answers every POST on 127.0.0.1:PORT with
STATUS and saves its body to DIR/NNN.json and its headers to DIR/NNN.headers. Prints
`ready` once it listens; stops on SIGTERM."""
import argparse
import os
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--status", type=int, default=200)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    count = [0]
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                count[0] += 1
                base = os.path.join(args.dir, "%03d" % count[0])
            with open(base + ".headers", "w") as f:
                f.write("%s %s\n%s" % (self.command, self.path, self.headers))
            with open(base + ".tmp", "wb") as f:
                f.write(body)
            os.rename(base + ".tmp", base + ".json")
            answer = b"ok" if args.status < 300 else b"invalid_token"
            self.send_response(args.status)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
