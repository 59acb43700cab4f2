#!/usr/bin/env python3
"""A real SMTP server for Settle's email tests, built on aiosmtpd.

Usage: smtp_test_server.py --mode plain|starttls|tls --mailbox DIR [--auth PLAIN|LOGIN]

- plain: no TLS at all; starttls: STARTTLS offered; tls: implicit TLS from the
  first byte. The TLS modes use a self-signed certificate for localhost and
  127.0.0.1 generated at start (openssl CLI) into DIR/cert.pem.
- AUTH is required, with the fixed user `settle` / password `s3cret:pass`;
  --auth offers only that mechanism (both when omitted).
- A recipient whose address contains "tempfail" gets 451 on its first RCPT,
  250 afterwards; one containing "reject" always gets 550; for one containing
  "slow" the first message is stored at once but accepted only 30 seconds later
  (a server that has a message while its sender still waits for the answer).
- Each accepted message is written to DIR as N.eml (the raw bytes, after
  dot-unstuffing) and N.json (envelope, connection id, auth mechanism, TLS,
  decoded headers, text and HTML parts, attachments).

Prints `PORT <port> CERT <path or ->` on stdout once it listens, then serves
until terminated.
"""
import argparse
import asyncio
import base64
import email
import email.policy
import hashlib
import itertools
import json
import os
import signal
import ssl
import subprocess
import sys

try:
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
except ImportError:
    print("smtp_test_server: the PyPI package aiosmtpd is not installed "
          "(run `make deps` or `python3 -m pip install aiosmtpd`)", file=sys.stderr)
    sys.exit(3)

USER, PASSWORD = b"settle", b"s3cret:pass"
MECHANISMS = ("PLAIN", "LOGIN")


def make_certificate(folder):
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", key, "-out", cert, "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-addext", "basicConstraints=critical,CA:FALSE"],
        check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return cert, context


def authenticate(server, session, envelope, mechanism, auth_data):
    if not isinstance(auth_data, LoginPassword):
        return AuthResult(success=False, handled=False)
    ok = auth_data.login == USER and auth_data.password == PASSWORD
    if ok:
        session.settle_mechanism = mechanism
    return AuthResult(success=ok, auth_data=auth_data)


def summarise(raw):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    headers = {name: str(value) for name, value in message.items()}
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    attachments = []
    for part in message.iter_attachments():
        payload = part.get_payload(decode=True) or b""
        attachments.append({
            "filename": part.get_filename(),
            "contentType": part.get_content_type(),
            "size": len(payload),
            "base64": base64.b64encode(payload).decode(),
        })
    return {
        "headers": headers,
        "text": text.get_content() if text is not None else None,
        "html": html.get_content() if html is not None else None,
        "attachments": attachments,
    }


class Mailbox:
    def __init__(self, folder):
        self.folder = folder
        self.messages = itertools.count(1)
        self.connections = itertools.count(1)
        self.deferred = set()

    def connection_of(self, session):
        if not hasattr(session, "settle_connection"):
            session.settle_connection = next(self.connections)
        return session.settle_connection

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.connection_of(session)
        if "reject" in address:
            return "550 5.1.1 Mailbox unavailable: no such user here"
        if "tempfail" in address and address not in self.deferred:
            self.deferred.add(address)
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content
        number = next(self.messages)
        summary = summarise(raw)
        summary.update({
            "mailFrom": envelope.mail_from,
            "recipients": envelope.rcpt_tos,
            "connection": self.connection_of(session),
            "authMechanism": getattr(session, "settle_mechanism", None),
            "tls": session.ssl is not None
            or server.transport.get_extra_info("ssl_object") is not None,
            "rawBase64": base64.b64encode(raw).decode(),
            "sha256": hashlib.sha256(raw).hexdigest(),
        })
        base = os.path.join(self.folder, str(number))
        with open(base + ".eml", "wb") as file:
            file.write(raw)
        with open(base + ".json.tmp", "w") as file:
            json.dump(summary, file)
        os.replace(base + ".json.tmp", base + ".json")
        slow = [address for address in envelope.rcpt_tos if "slow" in address and address not in self.deferred]
        if slow:
            self.deferred.update(slow)
            await asyncio.sleep(30)
        return "250 Message accepted for delivery"


async def serve(arguments):
    mailbox = Mailbox(arguments.mailbox)
    cert, context = (None, None)
    if arguments.mode != "plain":
        cert, context = make_certificate(arguments.mailbox)
    excluded = [m for m in MECHANISMS if arguments.auth and m != arguments.auth]

    def factory():
        return SMTP(
            mailbox,
            hostname="settle-test-smtp",
            tls_context=context if arguments.mode == "starttls" else None,
            authenticator=authenticate,
            auth_required=True,
            auth_require_tls=False,  # the plain mode tests AUTH without TLS
            auth_exclude_mechanism=excluded,
        )

    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        factory, host="127.0.0.1", port=0,
        ssl=context if arguments.mode == "tls" else None)
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port} CERT {cert or '-'}", flush=True)
    parent = os.getppid()
    async with server:
        # Ends with the test process that started it, even if that one is killed.
        while os.getppid() == parent:
            await asyncio.sleep(0.5)


def main():
    # A parent (Foundation's Process) may hand down SIGTERM blocked: take it back.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["plain", "starttls", "tls"], required=True)
    parser.add_argument("--mailbox", required=True)
    parser.add_argument("--auth", choices=MECHANISMS)
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()
