#!/usr/bin/env python3
"""Times every page of the web app on a running `settle serve` (scripts/bench-web.sh starts it).

Signs in like a browser (the sign-in form's token and cookie, then the session cookie), asks each
page REPEAT times after one warm-up, and reads the page's `Server-Timing` header: `total` (the
server's time for the page) beside `data` (the part spent reading the page's data: the handler's
queries, without the session look-up and the HTML rendering). Prints a Markdown table of medians.

    python3 scripts/bench_web.py BASE EMAIL PASSWORD LABEL PATH...
"""
import http.cookiejar
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

REPEAT = 5


def main():
    base, email, password, label, paths = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(base + "/signin").read().decode()
    token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    body = urllib.parse.urlencode({"organisation": "default", "email": email, "password": password, "csrf": token}).encode()
    answer = opener.open(base + "/signin", data=body)
    if not answer.url.endswith("/app"):
        sys.exit(f"bench-web: could not sign in as {email}: ended at {answer.url}")
    print(f"| {label}: page | server time (ms) | its data alone (ms) | ratio | size (KiB) | seen by the client (ms) |")
    print("|---|---:|---:|---:|---:|---:|")
    for path in paths:
        totals, datas, clients, size = [], [], [], 0
        for attempt in range(REPEAT + 1):
            started = time.perf_counter()
            with opener.open(base + path) as page:
                content = page.read()
                timing = page.headers.get("Server-Timing", "")
                status = page.status
            elapsed = (time.perf_counter() - started) * 1000
            if status != 200 or not timing:
                sys.exit(f"bench-web: {path} answered {status} without timing")
            parts = dict(re.findall(r"(\w+);dur=(-?[\d.]+)", timing))
            if attempt:  # the first is a warm-up
                totals.append(float(parts["total"]))
                datas.append(float(parts["data"]))
                clients.append(elapsed)
                size = len(content)
        total, data = statistics.median(totals), statistics.median(datas)
        print(f"| `{path}` | {total:.1f} | {data:.1f} | {total / data if data > 0 else float('nan'):.2f}x | {size / 1024:.0f} "
              f"| {statistics.median(clients):.1f} |")


if __name__ == "__main__":
    main()
