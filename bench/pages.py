"""Page benchmark (issue 17): serve the project with gunicorn on PostgreSQL with DEBUG off, log in as each role and
time every key page and API list at 1 and at 20 concurrent clients, beside the floor (the login page) in the same run.

Run bench/generate.py first on the same database. Prints, per page: p50, p95, requests/s and the ratio of p50 to the
floor's p50 at each concurrency, the HTTP status, and the query count (from the X-Query-Count header that
bench/bench_settings.py adds; the product never sends it).

    DATABASE_URL=postgres://thidua:thidua@127.0.0.1:5432/bench17 nice -n 10 .venv/bin/python bench/pages.py
    ... bench/pages.py --requests 10 --concurrent-requests 40 --only register   # fewer requests, some pages
    ... bench/pages.py --clients 0 --json one.json      # one client only; bench/compare_queries.py compares two runs

Each row ends with the 1-minute load average when it was measured: on a shared machine the timings follow it.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DEBUG", "1")  # this process only reads ids; gunicorn below runs with DEBUG off
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django  # noqa: E402 - settings must be chosen first

django.setup()

from django.db import connection  # noqa: E402

from thidua.organizations.models import Cluster, Person, Province, RoleAssignment  # noqa: E402

PASSWORD = "bench-password-17"  # noqa: S105 - the throwaway accounts bench/generate.py makes
ROLES = ["admin", "board", "council", "officer", "head", "secretariat"]
LOGIN = "/tai-khoan/dang-nhap/"


def targets():
    """(name, role or None for anonymous, path): every key page and API list issue 17 names."""
    officer_unit = RoleAssignment.objects.get(user__username="bench-officer").unit
    cluster_year = RoleAssignment.objects.get(user__username="bench-secretariat").cluster_year
    province = Province.objects.get(code="bench-01")
    cluster = Cluster.objects.get(pk=cluster_year.cluster_id)
    person = Person.objects.filter(positions__unit=officer_unit).order_by("id").first()
    pages = [(f"home ({role})", role, "/") for role in ROLES]
    pages += [
        ("unit page", "officer", f"/don-vi/{officer_unit.pk}/"),
        ("person page", "officer", f"/ca-nhan/{person.pk}/"),
        ("cluster page", "secretariat", f"/cum/{cluster.pk}/"),
        ("honour board", None, "/bang-vang/"),
        ("honour board, search", None, "/bang-vang/?q=" + urllib.parse.quote("Gianh")),
        ("register (unit)", "officer", "/khen-thuong/so-theo-doi/"),
        ("register (board)", "board", "/khen-thuong/so-theo-doi/"),
        ("register (admin)", "admin", "/khen-thuong/so-theo-doi/"),
        ("register, year+collective (board)", "board", "/khen-thuong/so-theo-doi/?year=2024&recipient=collective"),
        ("register, search (admin)", "admin", "/khen-thuong/so-theo-doi/?q=" + urllib.parse.quote("Nguyễn Văn")),
        ("proposals (board)", "board", "/de-nghi/"),
        ("province dashboard", "board", f"/bao-cao/tinh/{province.pk}/"),
        ("cluster dashboard", "secretariat", f"/bao-cao/cum/{cluster.pk}/"),
        ("unit dashboard", "officer", f"/bao-cao/don-vi/{officer_unit.pk}/"),
        ("activity log (admin)", "admin", "/nhat-ky/"),
        ("activity log (board)", "board", "/nhat-ky/"),
        ("API records (board)", "board", "/api/v1/awards/records"),
        ("API records (admin)", "admin", "/api/v1/awards/records?year=2024"),
        ("API units", "board", f"/api/v1/units?province={province.pk}"),
        ("API people", "board", "/api/v1/people"),
        ("API clusters", "board", "/api/v1/clusters"),
        ("API proposals", "board", "/api/v1/proposals"),
        ("API honour board", None, "/api/v1/honour-board"),
    ]
    return pages


# Serving ----------------------------------------------------------------------------------------------------------
def serve(port, workers, work):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on the loopback; a proxy terminates TLS in production
        "THIDUA_DATA_DIR": str(work),
        "STATIC_ROOT": str(work / "static"),
        "LOGIN_RATE_PER_MINUTE": "1000",
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT / "src")]),
    }
    python = sys.executable
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [python, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"], env=env, check=True
    )
    gunicorn = [str(Path(python).parent / "gunicorn"), "thidua.wsgi:application", "--workers", str(workers)]
    gunicorn += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "300"]
    server = subprocess.Popen(gunicorn, env=env)  # noqa: S603 - gunicorn from the same environment
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _body, _headers = fetch(port, LOGIN)
            if status == 200:  # noqa: PLR2004 - HTTP OK
                return server
        except OSError:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


def fetch(port, path, cookies=None, method="GET", body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    sent = dict(headers or {})
    if cookies:
        sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    conn.request(method, path, body=body, headers=sent)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data, response.headers


def login(port, role):
    status, page, headers = fetch(port, LOGIN)
    cookies = cookies_of(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": f"bench-{role}", "password": PASSWORD})
    status, _page, headers = fetch(
        port,
        LOGIN,
        cookies,
        "POST",
        form,
        {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{port}{LOGIN}"},
    )
    cookies.update(cookies_of(headers))
    if status != 302 or "sessionid" not in cookies:  # noqa: PLR2004 - a successful login redirects
        raise SystemExit(f"login as bench-{role} failed ({status}); run bench/generate.py on this database first")
    return cookies


def cookies_of(headers):
    found = {}
    for line in headers.get_all("Set-Cookie") or []:
        name, _, rest = line.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


# Measuring --------------------------------------------------------------------------------------------------------
def measure(port, path, cookies, clients, total):
    """Time `total` requests spread over `clients` threads; returns (latencies in s, wall time, statuses)."""
    latencies, statuses, lock = [], set(), threading.Lock()
    remaining = [total]

    def worker():
        while True:
            with lock:
                if remaining[0] == 0:
                    return
                remaining[0] -= 1
            start = time.perf_counter()
            status, _body, _headers = fetch(port, path, cookies)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses.add(status)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]  # Ctrl+C stops the run
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - started, statuses


def summary(latencies, wall):
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": statistics.median(ordered), "p95": p95, "rps": len(ordered) / wall}


def run(port, pages, args):
    sessions = {role: login(port, role) for role in {role for _n, role, _p in pages if role}}
    rows = []
    floor = None
    for name, role, path in [("floor: login page", None, LOGIN), *pages]:
        cookies = sessions.get(role)
        status, body, headers = fetch(port, path, cookies)  # warm-up, and the query count
        fetch(port, path, cookies)
        one_lat, one_wall, statuses = measure(port, path, cookies, 1, args.requests)
        one, many = summary(one_lat, one_wall), None
        if args.clients:
            many_lat, many_wall, more = measure(port, path, cookies, args.clients, args.concurrent_requests)
            many, statuses = summary(many_lat, many_wall), statuses | more
        floor = floor or (one, many)
        row = {
            "page": name,
            "role": role or "anonymous",
            "path": path,
            "status": ",".join(str(s) for s in sorted(statuses | {status})),
            "queries": headers.get("X-Query-Count", "?"),
            "bytes": len(body),
            "one": one,
            "many": many,
            "ratio_one": one["p50"] / floor[0]["p50"],
            "ratio_many": many["p50"] / floor[1]["p50"] if many else None,
            "load": os.getloadavg()[0],
        }
        rows.append(row)
        print(line(row, args.clients), flush=True)
    return rows


def line(row, clients):
    one, many = row["one"], row["many"]
    text = (
        f"| {row['page']} | {row['role']} | {row['status']} | {row['queries']} | "
        f"{one['p50'] * 1000:.0f} | {one['p95'] * 1000:.0f} | {one['rps']:.1f} | {row['ratio_one']:.1f}× | "
    )
    if clients:
        text += f"{many['p50'] * 1000:.0f} | {many['p95'] * 1000:.0f} | {many['rps']:.1f} | {row['ratio_many']:.1f}× | "
    return text + f"{row['load']:.1f} |"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8717)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients; 0 measures one client only")
    parser.add_argument("--requests", type=int, default=10, help="requests per page with one client")
    parser.add_argument("--concurrent-requests", type=int, default=40, help="requests per page at --clients")
    parser.add_argument("--only", default="", help="measure only pages whose name contains this")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("set DATABASE_URL to the PostgreSQL database bench/generate.py filled")
    pages = [p for p in targets() if args.only in p[0]]
    work = Path(tempfile.mkdtemp(prefix="thidua-pages-"))
    server = serve(args.port, args.workers, work)
    try:
        print(f"gunicorn, {args.workers} workers, DEBUG off, PostgreSQL; {os.cpu_count()} CPUs; load {os.getloadavg()}")
        many = f"{args.clients} clients p50 ms | p95 ms | req/s | ×floor | " if args.clients else ""
        print(f"| page | role | status | queries | 1 client p50 ms | p95 ms | req/s | ×floor | {many}load |")
        print("| --- " * (13 if args.clients else 9) + "|")
        rows = run(args.port, pages, args)
        print(f"load after: {os.getloadavg()}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
