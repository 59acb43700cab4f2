#!/usr/bin/env python3
"""The bare limit of scripts/bench-deliver.sh: the simplest SMTP client sending messages
that are already written, over one connection, with Python's smtplib.

Usage: bench_smtp_client.py HOST PORT USER PASSWORD FOLDER

FOLDER holds N.eml (the exact bytes) and N.rcpt (sender and recipient on two lines) for
each message; they are sent in the order of N with AUTH PLAIN, one MAIL/RCPT/DATA each.
Prints the number sent.
"""
import os
import smtplib
import sys


def main() -> None:
    host, port, user, password, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
    numbers = sorted(int(name[:-4]) for name in os.listdir(folder) if name.endswith(".eml"))
    client = smtplib.SMTP(host, port)
    client.ehlo("localhost")
    client.login(user, password)
    for number in numbers:
        with open(os.path.join(folder, f"{number}.rcpt")) as file:
            sender, recipient = file.read().split("\n")[:2]
        with open(os.path.join(folder, f"{number}.eml"), "rb") as file:
            data = file.read()
        client.sendmail(sender, [recipient], data)
    client.quit()
    print(len(numbers))


if __name__ == "__main__":
    main()
