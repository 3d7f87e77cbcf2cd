"""Web: requests/s and p50/p99 latency on loopback, measured with wrk (Debian's ``wrk``).

Each target runs at 1, 10 and 50 concurrent connections for a few seconds against a real
``footfix serve`` on a fresh SQLite file and then on a fresh PostgreSQL database (created on
FOOTFIX_BENCH_POSTGRES_URL's server, default the local test server), in the same run as a bare
FastAPI hello-world route on the same uvicorn (measured again before each backend, so each
ratio compares figures taken minutes apart), and prints each p99 beside the hello-world's:

- ``home``: the signed-in home page (session lookup in the database, a Jinja2 page)
- ``dashboard``: the runner's dashboard page (This week, the chart, the history)
- ``result``: the runner's result page
- ``progress``: ``GET /api/v1/runners/{uid}/progress`` (what a dashboard reads: phase, gate,
  trends over 8 weeks of logs)
- ``log POST``: ``POST /api/v1/runners/{uid}/logs?correct=true`` (a day's log, stored as a new
  revision, with the phase decision), days cycling over the logged ones
- ``assess``: ``POST /api/v1/assess`` with the first example case

``python -m bench web`` (needs ``apt-get install wrk``; about eight minutes). Options:
``--quick`` (1 s rows, 1 and 10 clients: a smoke test), ``--workers N`` (uvicorn workers),
``--sqlite-only``. The header prints the conditions (CPUs, load average, versions) so a run on
a busy machine can be told from a quiet one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

DURATION_S = int(os.environ.get("FOOTFIX_BENCH_SECONDS", "5"))
POSTGRES_SERVER = os.environ.get(
    "FOOTFIX_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
BENCH_DATABASE = "footfix_bench_web"
CONCURRENCY = (1, 10, 50)
EXAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "cases"
LOG_DAYS = 56
PASSWORD = "bench password 123"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _server(command: list[str], env: dict[str, str], health: str) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, **env, "FOOTFIX_PORT": str(port)}
    argv = [part.replace("{port}", str(port)) for part in command]
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                raise RuntimeError(f"{argv[0]} exited with {proc.returncode}")
            try:
                with urllib.request.urlopen(base + health, timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"{argv[0]} did not answer within 30 s")
        yield base
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _signed_up(base: str) -> tuple[str, str, str]:
    """(session cookie, API token, runner uid) of a new runner with eight weeks of logs."""
    with httpx.Client(base_url=base) as client:
        form = client.get("/sign-up").text
        token = re.search(r'name="csrf-token" content="([0-9a-f]+)"', form).group(1)  # type: ignore[union-attr]
        client.post(
            "/sign-up",
            data={
                "csrf_token": token,
                "email": "bench@example.com",
                "password": PASSWORD,
                "display_name": "Bench",
            },
        )
        page = client.post("/account/tokens", data={"csrf_token": _token(client), "name": "bench"})
        api = re.search(r'id="new-token">(ffx_[^<]+)<', page.text).group(1)  # type: ignore[union-attr]
        session = client.cookies["footfix_session"]
        auth = {"Authorization": f"Bearer {api}"}
        uid = client.get("/api/v1/runners", headers=auth).json()["items"][0]["uid"]
        case = sorted(EXAMPLE.glob("*.yaml"))[0].read_bytes()
        client.post(
            f"/api/v1/runners/{uid}/assessments",
            content=case,
            headers=auth | {"Content-Type": "application/yaml"},
        )
        today = dt.date.today()
        for back in range(LOG_DAYS, 0, -1):
            day = (today - dt.timedelta(days=back)).isoformat()
            client.post(
                f"/api/v1/runners/{uid}/logs",
                headers=auth,
                json={"day": day, "first_step_pain_nrs": 3, "walk_stand_tolerance_min": 40},
            )
    return session, api, uid


def _token(client: httpx.Client) -> str:
    page = client.get("/account").text
    return re.search(r'name="csrf-token" content="([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]


POST_SCRIPT = """
local n = 0
local days = {%s}
request = function()
  n = n + 1
  local body = '{"day": "' .. days[(n %% #days) + 1] .. '", "first_step_pain_nrs": 2}'
  return wrk.format("POST", "%s", {["Content-Type"] = "application/json",
                    ["Authorization"] = "Bearer %s"}, body)
end
"""

FILE_SCRIPT = """
wrk.method = "POST"
wrk.body = io.open("%s", "rb"):read("*a")
wrk.headers["Content-Type"] = "application/yaml"
wrk.headers["Authorization"] = "Bearer %s"
"""


def _wrk(
    url: str,
    connections: int,
    headers: dict[str, str],
    script: str | None = None,
    seconds: int = DURATION_S,
) -> dict[str, float]:
    argv = [
        "wrk",
        "-t",
        str(min(connections, 2)),
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    for name, value in headers.items():
        argv += ["-H", f"{name}: {value}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script or "")
    argv += ["-s", lua.name, url]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    os.unlink(lua.name)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),  # type: ignore[union-attr]
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),  # type: ignore[union-attr]
        "errors": float(len(re.findall(r"Non-2xx|Socket errors", out))),
    }


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def fresh_postgres(server_url: str, name: str) -> str | None:
    """A new, empty database ``name`` on the server of ``server_url`` (its URL), or None when
    no PostgreSQL answers there."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server_url)
    conninfo = url.set(drivername="postgresql", database="postgres").render_as_string(False)
    try:
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return None
    return url.set(database=name).render_as_string(False)


def conditions(workers: int) -> str:
    import platform

    import fastapi
    import uvicorn

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs, load average {load}; Python {platform.python_version()}, "
        f"FastAPI {fastapi.__version__}, uvicorn {uvicorn.__version__}; "
        f"{workers} uvicorn worker(s) for footfix, one for hello"
    )


def _option(name: str, default: str) -> str:
    args = sys.argv[1:]
    return args[args.index(name) + 1] if name in args[:-1] else default


def main() -> None:
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk")
        return
    quick = "--quick" in sys.argv
    workers = int(_option("--workers", "1"))
    seconds = 1 if quick else DURATION_S
    levels = (1, 10) if quick else CONCURRENCY
    hello = [
        sys.executable,
        "-m",
        "uvicorn",
        "bench.web_hello:app",
        "--port",
        "{port}",
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    backends: list[tuple[str, str | None]] = [("SQLite", None)]
    if "--sqlite-only" not in sys.argv:
        pg = fresh_postgres(POSTGRES_SERVER, BENCH_DATABASE)
        if pg is None:
            print(f"PostgreSQL: no server at {POSTGRES_SERVER}, measured on SQLite only")
        else:
            backends.append(("PostgreSQL", pg))
    print(f"wrk {seconds} s per row, loopback; {conditions(workers)}")
    head = ("backend", "target", "clients", "req/s", "p50 ms", "p99 ms", "p99 / hello")
    print(
        f"{head[0]:<10} {head[1]:<11} {head[2]:>7} {head[3]:>8} {head[4]:>8} {head[5]:>8} "
        f"{head[6]:>12}",
        flush=True,
    )
    with _server(hello, {}, "/hello") as hello_base:
        for backend, url in backends:
            _backend(backend, url, hello_base, workers, seconds, levels)


def _backend(
    backend: str,
    database_url: str | None,
    hello_base: str,
    workers: int,
    seconds: int,
    levels: tuple[int, ...],
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="footfix-bench-web-"))
    env = {
        "FOOTFIX_DATA_DIR": str(folder),
        "FOOTFIX_LOG_LEVEL": "warning",
        "FOOTFIX_ACCESS_LOG": "0",
        "FOOTFIX_WORKERS": str(workers),
    }
    if database_url:
        env["FOOTFIX_DATABASE_URL"] = database_url
    footfix = [str(Path(sys.executable).parent / "footfix"), "serve"]
    try:
        with _server(footfix, env, "/readyz") as base:
            session, api, uid = _signed_up(base)
            today = dt.date.today()
            days = ", ".join(
                f'"{(today - dt.timedelta(days=b)).isoformat()}"' for b in range(1, LOG_DAYS + 1)
            )
            case = sorted(EXAMPLE.glob("*.yaml"))[0]
            cookie = {"Cookie": f"footfix_session={session}"}
            bearer = {"Authorization": f"Bearer {api}"}
            log_script = POST_SCRIPT % (days, f"/api/v1/runners/{uid}/logs?correct=true", api)
            targets = [
                ("hello", hello_base + "/hello", {}, None),
                ("home", base + "/", cookie, None),
                ("dashboard", base + "/dashboard", cookie, None),
                ("result", base + "/result", cookie, None),
                ("progress", f"{base}/api/v1/runners/{uid}/progress", bearer, None),
                ("log POST", base + "/", {}, log_script),
                ("assess", base + "/api/v1/assess", {}, FILE_SCRIPT % (case, api)),
            ]
            baseline: dict[int, float] = {}
            for name, url, headers, script in targets:
                # warm up every worker (a connection stays on one): first loads, caches
                _wrk(url, 2 * workers, headers, script, seconds=2)
                for clients in levels:
                    got = _wrk(url, clients, headers, script, seconds=seconds)
                    if name == "hello":
                        baseline[clients] = got["p99"]
                    ratio = got["p99"] / baseline[clients] if baseline.get(clients) else 0
                    flag = "  (non-2xx answers!)" if got["errors"] else ""
                    print(
                        f"{backend:<10} {name:<11} {clients:>7} {got['rps']:>8.0f} "
                        f"{got['p50']:>8.1f} {got['p99']:>8.1f} {ratio:>11.1f}x{flag}",
                        flush=True,
                    )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
