#!/usr/bin/env python3
"""Replays the attacks of issue 16 against a real `grappe serve` on 127.0.0.1 (bounded in
count and bytes), then asserts that the server still answers a health check within 1 s and
that its peak resident memory (VmHWM) stayed under the stated ceiling (docs/deploy.md,
"Limits"). Usage: hostile_test.py GRAPPE_BINARY SOURCE_DIR."""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

CEILING_MIB = 512  # Argon2id: 2 × 64 MiB at once, the register-less server, the attacks' buffers


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def exchange(port, data, read_limit=4 << 20, timeout=120):
    """Sends raw bytes, returns the start of the reply (the connection is closed after)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(data)
        except OSError:
            pass  # refused mid-body: the reply (if any) is still read below
        reply = b""
        try:
            while len(reply) < read_limit:
                chunk = s.recv(65536)
                if not chunk:
                    break
                reply += chunk
        except OSError:
            pass
        return reply


def status(reply):
    try:
        return int(reply.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0


def request(port, method, path, body=None, headers=None):
    head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    for k, v in (headers or {}).items():
        head.append(f"{k}: {v}")
    data = body.encode() if isinstance(body, str) else (body or b"")
    if body is not None:
        head += ["Content-Type: application/json", f"Content-Length: {len(data)}"]
    return exchange(port, ("\r\n".join(head) + "\r\n\r\n").encode() + data)


def peak_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0


def healthy_within_one_second(port):
    start = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=1) as r:
            return r.status == 200 and time.monotonic() - start <= 1.0
    except OSError:
        return False


def main():
    binary, source = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="grappe-hostile-")
    web = os.path.join(work, "web")
    os.makedirs(os.path.join(web, "assets"))
    with open(os.path.join(web, "index.html"), "w") as f:
        f.write("<!doctype html><title>grappe</title>")
    with open(os.path.join(web, "assets", "app-3f2a9c.js"), "w") as f:
        f.write("x" * 320_000)  # as the web app's bundle: 2,700 ranges of it made 864 MB
    port = free_port()
    server = subprocess.Popen(
        [binary, "serve", "--db", os.path.join(work, "g.db"), "--port", str(port), "--web", web,
         "--candidates", os.path.join(source, "tests/data/server/candidates.json"),
         "--init-admin", "admin@hostile.test"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    failures = []
    try:
        password = server.stdout.readline().strip().rsplit(" ", 1)[-1]
        for _ in range(200):
            if healthy_within_one_second(port):
                break
            time.sleep(0.05)
        else:
            raise SystemExit("the server did not start")
        attack(port, password, failures)
        if server.poll() is not None:
            failures.append(f"the server died (exit {server.returncode})")
        else:
            if not healthy_within_one_second(port):
                failures.append("no health answer within 1 s after the attacks")
            peak = peak_mib(server.pid)
            print(f"peak resident memory: {peak:.0f} MiB (ceiling {CEILING_MIB} MiB)")
            if peak > CEILING_MIB:
                failures.append(f"peak resident memory {peak:.0f} MiB is above the {CEILING_MIB} MiB ceiling")
    finally:
        server.kill()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


def attack(port, password, failures):
    def expect(what, reply, wanted):
        if status(reply) not in wanted:
            failures.append(f"{what}: HTTP {status(reply)}, wanted {wanted}: {reply[:200]!r}")

    deep = "[" * 150_000 + "1" + "]" * 150_000
    expect("150,000-deep login body", request(port, "POST", "/api/v1/session",
                                              '{"email":"a@b.fr","password":' + deep + "}"), {400})
    # A logged-in admin sends the nested candidate and a nested survey answer.
    login = request(port, "POST", "/api/v1/session",
                    json.dumps({"email": "admin@hostile.test", "password": password}))
    head, _, body = login.partition(b"\r\n\r\n")
    cookie = [l.split(b":", 1)[1].split(b";")[0].strip().decode() for l in head.split(b"\r\n")
              if l.lower().startswith(b"set-cookie:")][0]
    auth = {"Cookie": cookie, "X-CSRF-Token": json.loads(body)["csrf_token"]}
    # The printed one-time password must be replaced before anything else.
    expect("password change", request(port, "PUT", "/api/v1/session/password",
                                      json.dumps({"current": password, "password": "the hostile test's own"}),
                                      auth), {200})
    expect("nested candidate", request(port, "POST", "/api/v1/initiatives",
                                       '{"name":"N","candidate":' + deep + "}", auth), {400})
    for path in ["/api/v1/initiatives", "/api/v1/initiatives/1/surveys", "/api/v1/surveys/1/invitations",
                 "/api/v1/surveys/1/open"]:
        payload = {"name": "A", "candidate_index": 0} if path == "/api/v1/initiatives" else {}
        expect(path, request(port, "POST", path, json.dumps(payload), auth), {200, 201})
    invitations = request(port, "GET", "/api/v1/surveys/1/invitations", None, auth)
    token = json.loads(invitations.partition(b"\r\n\r\n")[2])["items"][0]["token"]
    expect("nested answer", request(port, "PUT", f"/api/v1/survey/{token}",
                                    '{"answers":{"interest":' + deep + "}}"), {400})

    # 4 × 2,700 ranges of the bundle, in parallel, as the report did.
    ranges = "bytes=0-" + ",0-" * 2700
    replies = []
    threads = [threading.Thread(target=lambda: replies.append(
        request(port, "GET", "/assets/app-3f2a9c.js", None, {"Range": ranges}))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in replies:
        expect("2,700 ranges", r, {200})
        if len(r) > 400_000:
            failures.append(f"2,700 ranges: a reply of {len(r)} bytes for a 320 KB file")

    # Chunked bodies: 2 MiB is read, dropped past the 1 MiB limit and answered 413; 64 MiB is
    # cut off at 8 MiB (connection closed). Nothing of either may stay in memory.
    chunk = b"100000\r\n" + b" " * 0x100000 + b"\r\n"
    head = (b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    expect("2 MiB chunked body", exchange(port, head + chunk * 2 + b"0\r\n\r\n"), {413})
    expect("64 MiB chunked body", exchange(port, head + chunk * 64 + b"0\r\n\r\n"), {413, 0})

    # 100,000 header fields (about 2 MB of headers).
    flood = "".join(f"X-Flood-{i}: y\r\n" for i in range(100_000))
    expect("100,000 headers", exchange(port, ("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n" + flood +
                                              "Connection: close\r\n\r\n").encode()), {431, 400, 0})

    # 40 parallel wrong passwords: the throttle allows 5 checks (each an Argon2id hash).
    statuses = []
    body = json.dumps({"email": "admin@hostile.test", "password": "not the password"})
    threads = [threading.Thread(target=lambda: statuses.append(status(
        request(port, "POST", "/api/v1/session", body)))) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if statuses.count(401) != 5 or statuses.count(429) != 35:
        failures.append(f"40 parallel wrong passwords: {statuses.count(401)} checked, "
                        f"{statuses.count(429)} refused (wanted 5 and 35)")

    # Slow clients: 200 connections (under the 256 allowed per address, the health check comes
    # from the same one) each sending half a request, a byte at a time, while the
    # health check must still answer within 1 s (a thread per connection starved at 48).
    slow = []
    for _ in range(200):
        try:
            c = socket.create_connection(("127.0.0.1", port), timeout=5)
            c.sendall(b"PUT /api/v1/survey/x HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n")
            slow.append(c)
        except OSError:
            break  # refused at the connection bounds: what they are for
    for _ in range(3):
        for c in slow:
            try:
                c.send(b" ")
            except OSError:
                pass
        if not healthy_within_one_second(port):
            failures.append(f"health did not answer within 1 s with {len(slow)} slow clients connected")
            break
    for c in slow:
        c.close()

    # NUL in a path.
    expect("%00 path", request(port, "GET", "/assets/app-3f2a9c.js%00.html"), {400})


if __name__ == "__main__":
    main()
