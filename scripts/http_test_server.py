#!/usr/bin/env python3
"""A real HTTP server for Settle's SMS and webhook tests, on the standard library.

Usage: http_test_server.py --log FILE [--script JSON] [--basic-auth USER:PASS]
                           [--webhook-secret SECRET]

- Every request is recorded as one JSON line in FILE (method, path, query,
  headers as [name, value] pairs, body as text and base64, the parsed form
  fields, and for a request with Settle-Signature whether the signature is
  valid for --webhook-secret). The line is written before the answer, so a
  client that has its answer finds the record. GET /_requests answers the
  records as a JSON array (and is not recorded).
- --script is a JSON list of answers, used one per request in order; after the
  last, every request gets the default answer. An answer is an object:
    {"status": 503, "body": "text", "headers": {"Retry-After": "7"}}
    {"twilio": "message"}        Twilio's 201 with the created message as JSON
    {"twilio_error": {"status": 400, "code": 21211, "message": "..."}}
    {"close": true}              drop the connection without answering
  The default answer is {"twilio": "message"} for a POST to
  /2010-04-01/Accounts/{sid}/Messages.json, else 200 with {"ok": true}.
- --basic-auth: a Twilio-shaped request without these credentials gets
  Twilio's 401 (error 20003) instead of its scripted answer.
- The webhook check is independent of Settle's code: Python's hmac computes
  v1=<hex HMAC-SHA256 of "<Settle-Timestamp>.<body>"> and compares in constant
  time.

Prints `PORT <port>` on stdout once it listens, then serves until terminated
or until the process that started it is gone.
"""
import argparse
import base64
import hashlib
import hmac
import itertools
import json
import os
import re
import signal
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MESSAGES_PATH = re.compile(r"^/2010-04-01/Accounts/([A-Za-z0-9]+)/Messages\.json$")


class State:
    def __init__(self, arguments):
        self.log_path = arguments.log
        self.script = list(json.loads(arguments.script)) if arguments.script else []
        self.basic_auth = arguments.basic_auth
        self.secret = arguments.webhook_secret
        self.lock = threading.Lock()
        self.records = []
        self.sids = itertools.count(1)

    def next_answer(self, default):
        with self.lock:
            return self.script.pop(0) if self.script else default

    def record(self, entry):
        with self.lock:
            self.records.append(entry)
            with open(self.log_path, "a", encoding="utf-8") as file:
                file.write(json.dumps(entry) + "\n")
                file.flush()

    def signature_valid(self, headers, body):
        signature, timestamp = headers.get("Settle-Signature"), headers.get("Settle-Timestamp")
        if self.secret is None or signature is None or timestamp is None:
            return None
        expected = "v1=" + hmac.new(self.secret.encode(), timestamp.encode() + b"." + body,
                                    hashlib.sha256).hexdigest()
        return any(hmac.compare_digest(expected, part.strip()) for part in signature.split(","))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "SettleTestHTTP/1"

    def log_message(self, format, *args):
        pass  # the JSON lines are the log

    def do_GET(self):
        if self.path == "/_requests":
            with self.server.state.lock:
                self.answer(200, json.dumps(self.server.state.records).encode(), "application/json")
            return
        self.handle_request()

    def do_POST(self):
        self.handle_request()

    def do_PUT(self):
        self.handle_request()

    def handle_request(self):
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urllib.parse.urlsplit(self.path)
        text = body.decode("utf-8", errors="replace")
        form = None
        if (self.headers.get("Content-Type") or "").startswith("application/x-www-form-urlencoded"):
            form = dict(urllib.parse.parse_qsl(text, keep_blank_values=True))
        state.record({
            "method": self.command,
            "path": url.path,
            "query": url.query,
            "headers": [[name, value] for name, value in self.headers.items()],
            "body": text,
            "bodyBase64": base64.b64encode(body).decode(),
            "form": form,
            "signatureValid": state.signature_valid(self.headers, body),
        })
        twilio = MESSAGES_PATH.match(url.path) if self.command == "POST" else None
        answer = state.next_answer({"twilio": "message"} if twilio else {"status": 200, "body": '{"ok": true}'})
        if answer.get("close"):
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if twilio and state.basic_auth and not self.authorised(state.basic_auth):
            answer = {"twilio_error": {"status": 401, "code": 20003, "message": "Authenticate"}}
        if "twilio" in answer:
            self.answer_twilio_message(twilio.group(1) if twilio else "", form or {})
        elif "twilio_error" in answer:
            error = answer["twilio_error"]
            status, code = error.get("status", 400), error.get("code", 21211)
            document = {"code": code, "message": error.get("message", "error"),
                        "more_info": f"https://www.twilio.com/docs/errors/{code}", "status": status}
            self.answer(status, json.dumps(document).encode(), "application/json", answer.get("headers"))
        else:
            self.answer(answer.get("status", 200), answer.get("body", "").encode(),
                        answer.get("contentType", "application/json"), answer.get("headers"))

    def authorised(self, credentials):
        expected = "Basic " + base64.b64encode(credentials.encode()).decode()
        return hmac.compare_digest(self.headers.get("Authorization") or "", expected)

    def answer_twilio_message(self, account, form):
        number = next(self.server.state.sids)
        sid = "SM" + hashlib.md5(str(number).encode()).hexdigest()
        document = {
            "account_sid": account, "api_version": "2010-04-01", "body": form.get("Body"),
            "direction": "outbound-api", "error_code": None, "error_message": None,
            "from": form.get("From"), "messaging_service_sid": form.get("MessagingServiceSid"),
            "num_media": "0", "num_segments": "1", "price": None, "price_unit": "USD",
            "sid": sid, "status": "queued", "to": form.get("To"),
            "uri": f"/2010-04-01/Accounts/{account}/Messages/{sid}.json",
        }
        self.answer(201, json.dumps(document).encode(), "application/json")

    def answer(self, status, body, content_type, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def watch_parent(server, parent):
    # Ends with the test process that started it, even if that one is killed.
    event = threading.Event()
    while os.getppid() == parent:
        event.wait(0.5)
    server.shutdown()


def main():
    # A parent (Foundation's Process) may hand down SIGTERM blocked: take it back.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--script")
    parser.add_argument("--basic-auth")
    parser.add_argument("--webhook-secret")
    arguments = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = State(arguments)
    threading.Thread(target=watch_parent, args=(server, os.getppid()), daemon=True).start()
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
