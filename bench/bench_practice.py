"""A simulated practice on loopback: many runners with a year of logs, clinicians sharing them,
concurrent clients on the web while `footfix worker`s take stride-video and export jobs from
RabbitMQ. All in one run (``python -m bench practice``; ``--quick`` for a few minutes):

1. Seed a fresh PostgreSQL database through the services. Runners are signed up with a year of
   daily logs and a saved assessment. Clinicians accept invitations to their patients. Each
   client gets an API token or a session.
2. **Worker scaling.** A batch of jobs is run with one worker, then the same number with two
   (no web load), and jobs per minute are compared (target at least 1.8x).
3. **Practice load.** After one warm-up visit per client (a first visit draws the runner's
   chart), concurrent clients use ``footfix serve --workers 2`` for a fixed time: runner
   dashboards (session cookie), the progress API, log POSTs, and the clinicians' patient lists.
   Two workers process a batch of videos and exports at the same time. The bench reports
   p50/p99 per route, errors (target 0) and job throughput.

The video is the repository's side-view treadmill clip; each worker analyses it in its own
process (``FOOTFIX_VIDEO_WORKERS=1``), so two workers use two cores. The header prints CPUs and
load, so a busy machine's figures can be told from a quiet one's.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.bench_web import _free_port, _ms, conditions, fresh_postgres
from footfix.intake.load import load_case
from footfix.services import accounts, api_tokens, jobs, passwords, sharing, uploads
from footfix.services.assessment import assess_case
from footfix.services.assessments import save_assessment
from footfix.services.identity import RunnerUid
from footfix.services.sessions import SessionUser, start_session
from footfix.store import logs_repo
from footfix.store.settings import Settings
from footfix.store.store import Store, open_server_store
from footfix.tracking.log_entry import DayLog

ROOT = Path(__file__).resolve().parents[1]
VIDEO = ROOT / "tests" / "data" / "video" / "male_side.mp4"
CASE = ROOT / "tests" / "data" / "cases" / "E01-pf-ankle-df-load-spike.yaml"
SERVER = os.environ.get(
    "FOOTFIX_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
BROKER = os.environ.get("FOOTFIX_BENCH_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
PASSWORD = "practice password 1"


@dataclass(frozen=True)
class Size:
    runners: int
    days: int
    clinicians: int
    clients: int
    videos: int
    exports: int
    seconds: int


FULL = Size(runners=1000, days=365, clinicians=50, clients=100, videos=50, exports=20, seconds=60)
QUICK = Size(runners=60, days=120, clinicians=5, clients=20, videos=4, exports=4, seconds=20)
TINY = Size(runners=6, days=20, clinicians=2, clients=4, videos=1, exports=1, seconds=2)  # tests


@dataclass
class Practice:
    runners: list[tuple[SessionUser, str]]  # the account and its runner's uid
    clinicians: list[SessionUser]
    tokens: list[tuple[str, str]]  # (API token, runner uid) per runner client
    sessions: list[str]  # session tokens of runners, for the dashboard page
    clinic_tokens: list[str]


def _cheap_hashes() -> None:
    """Seeding signs up hundreds of accounts: a light argon2 here (the server keeps its own)."""
    from argon2 import PasswordHasher

    light = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    passwords._hasher.cache_clear()
    passwords._hasher = lambda: light  # type: ignore[assignment]


def seed(store: Store, size: Size) -> Practice:
    _cheap_hashes()
    case = load_case(CASE)
    result = assess_case(case)
    today = dt.date.today()
    runners = []
    for n in range(size.runners):
        user = accounts.sign_up(
            store, email=f"runner{n}@practice.test", password=PASSWORD, display_name=f"Runner {n}"
        )
        runner = sharing.own_runners(store, user)[0]
        with store.write() as conn:
            for back in range(size.days, 0, -1):
                day = today - dt.timedelta(days=back)
                pain = max(0.0, 6 - back / 40 + random.uniform(-1, 1))
                log = DayLog(
                    day=day,
                    first_step_pain_nrs=round(pain, 1),
                    walk_stand_tolerance_min=30 + back % 40,
                )
                logs_repo.write_log(
                    conn, runner.id, log, correction=False, recorded_at=dt.datetime.now(dt.UTC)
                )
        save_assessment(store, user.actor, RunnerUid(runner.uid), case, result)
        runners.append((user, runner.uid))
    clinicians = []
    per = max(1, size.runners // max(size.clinicians, 1))
    for c in range(size.clinicians):
        clinician = accounts.sign_up(
            store,
            email=f"clinician{c}@practice.test",
            password=PASSWORD,
            display_name=f"Clinician {c}",
            role="clinician",
        )
        for user, uid in runners[c * per : (c + 1) * per]:
            sharing.redeem(store, clinician, sharing.invite(store, user, uid))
        clinicians.append(clinician)
    clients = runners[: size.clients]
    return Practice(
        runners,
        clinicians,
        [(api_tokens.create_token(store, u.user_id, "bench")[0], uid) for u, uid in clients],
        [start_session(store, u.user_id, days=1) for u, _ in clients],
        [api_tokens.create_token(store, c.user_id, "bench")[0] for c in clinicians],
    )


# --- load --------------------------------------------------------------------------------
def _lua_list(items: list[str]) -> str:
    return "{" + ", ".join(f'"{item}"' for item in items) + "}"


DASHBOARD_LUA = """
local sessions = %s
request = function()
  local s = sessions[math.random(#sessions)]
  return wrk.format("GET", "/dashboard", {["Cookie"] = "footfix_session=" .. s})
end
"""
PROGRESS_LUA = """
local tokens = %s
local uids = %s
request = function()
  local i = math.random(#tokens)
  return wrk.format("GET", "/api/v1/runners/" .. uids[i] .. "/progress",
                    {["Authorization"] = "Bearer " .. tokens[i]})
end
"""
LOG_LUA = """
local tokens = %s
local uids = %s
local days = %s
request = function()
  local i = math.random(#tokens)
  local body = '{"day": "' .. days[math.random(#days)] .. '", "first_step_pain_nrs": 2}'
  return wrk.format("POST", "/api/v1/runners/" .. uids[i] .. "/logs?correct=true",
                    {["Authorization"] = "Bearer " .. tokens[i],
                     ["Content-Type"] = "application/json"}, body)
end
"""
PATIENTS_LUA = """
local tokens = %s
request = function()
  return wrk.format("GET", "/api/v1/runners",
                    {["Authorization"] = "Bearer " .. tokens[math.random(#tokens)]})
end
"""


def _wrk(base: str, script: str, connections: int, seconds: int) -> subprocess.Popen[str]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    argv = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--latency"]
    argv += ["--timeout", "10s", "-s", lua.name, base]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)


def _read_wrk(out: str) -> dict[str, float]:
    import re

    def find(pattern: str) -> str:
        found = re.search(pattern, out)
        return found.group(1) if found else "0us"

    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    requests = re.search(r"(\d+) requests in", out)
    return {
        "requests": float(requests.group(1)) if requests else 0.0,
        "p50": _ms(find(r"50%\s+([\d.]+\w+)")),
        "p99": _ms(find(r"99%\s+([\d.]+\w+)")),
        "errors": float(errors),
    }


def _routes(practice: Practice, clients: int) -> dict[str, tuple[str, int]]:
    tokens = [t for t, _ in practice.tokens]
    uids = [u for _, u in practice.tokens]
    today = dt.date.today()
    days = [(today - dt.timedelta(days=n)).isoformat() for n in range(1, 8)]
    share = {"dashboard": 0.4, "progress API": 0.3, "log POST": 0.2, "patient list": 0.1}
    scripts = {
        "dashboard": DASHBOARD_LUA % _lua_list(practice.sessions),
        "progress API": PROGRESS_LUA % (_lua_list(tokens), _lua_list(uids)),
        "log POST": LOG_LUA % (_lua_list(tokens), _lua_list(uids), _lua_list(days)),
        "patient list": PATIENTS_LUA % _lua_list(practice.clinic_tokens),
    }
    return {name: (scripts[name], max(1, round(clients * part))) for name, part in share.items()}


def _warm_up(base: str, practice: Practice) -> None:
    """Each client's dashboard once per web worker: a runner's first visit draws their chart
    (matplotlib, about 2 s on a busy machine); the load measures the visits after it."""
    import httpx

    with httpx.Client(base_url=base, timeout=60) as client:
        for session in practice.sessions:
            for _ in range(2):
                client.get("/dashboard", cookies={"footfix_session": session})


# --- jobs ------------------------------------------------------------------------------
def _submit_batch(
    store: Store, practice: Practice, size: Size, files: uploads.UploadStore
) -> list[str]:
    tag = uuid.uuid4().hex[:6]
    uids = []
    video = VIDEO.read_bytes()
    for n in range(size.videos):
        user, runner = practice.runners[n % len(practice.runners)]
        sha = uploads.save(store, files, user.actor, video, "stride.mp4").sha256
        params = {"runner_uid": runner, "upload": sha, "view": "side", "batch": tag}
        uids.append(jobs.submit(store, user.actor, "stride_video", params).uid)
    for n in range(size.exports):
        user, runner = practice.runners[n % len(practice.runners)]
        params = {"runner_uid": runner, "batch": tag}
        uids.append(jobs.submit(store, user.actor, "export", params).uid)
    return uids


def _wait(store: Store, uids: list[str], timeout_s: float = 3600) -> tuple[float, int]:
    """(seconds until all ended, how many failed)."""
    from sqlalchemy import select

    from footfix.store.schema import jobs as table

    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        with store.read() as conn:
            rows = conn.execute(select(table.c.status).where(table.c.uid.in_(uids))).all()
        if all(r.status in jobs.FINISHED for r in rows):
            return time.monotonic() - started, sum(r.status != "done" for r in rows)
        time.sleep(0.25)
    raise RuntimeError("jobs did not finish in time")


@contextmanager
def _workers(count: int, env: dict[str, str]) -> Iterator[None]:
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "footfix", "worker"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(count)
    ]
    try:
        yield
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextmanager
def _server(env: dict[str, str]) -> Iterator[str]:
    import urllib.request

    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "footfix", "serve", "--port", str(port), "--workers", "2"],
        env={**env, "FOOTFIX_EMBEDDED_JOBS": "false", "FOOTFIX_ACCESS_LOG": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    size = TINY if "--tiny" in sys.argv else QUICK if "--quick" in sys.argv else FULL
    url = fresh_postgres(SERVER, f"footfix_practice_{uuid.uuid4().hex[:6]}")
    if url is None:
        print("practice: no PostgreSQL server reachable; skipped")
        return
    print(f"practice: {conditions(2)}")
    print(f"practice: {size}")
    data = Path(tempfile.mkdtemp(prefix="footfix-practice-"))
    queue = f"footfix-practice-{uuid.uuid4().hex[:6]}"
    env = {
        **os.environ,
        "FOOTFIX_DATABASE_URL": url,
        "FOOTFIX_DATA_DIR": str(data),
        "FOOTFIX_BROKER_URL": BROKER,
        "FOOTFIX_JOB_QUEUE": queue,
        "FOOTFIX_VIDEO_WORKERS": "1",
    }
    os.environ.update({k: env[k] for k in ("FOOTFIX_DATA_DIR", "FOOTFIX_BROKER_URL")})
    os.environ["FOOTFIX_JOB_QUEUE"] = queue
    with open_server_store(Settings(url)) as store:
        started = time.monotonic()
        practice = seed(store, size)
        logs = size.runners * size.days
        print(
            f"practice: seeded {size.runners} runners, {logs} day logs, "
            f"{size.clinicians} clinicians in {time.monotonic() - started:.0f} s"
        )
        files = uploads.upload_store_from_env(data, {})
        rates = {}
        for count in (1, 2):
            batch = _submit_batch(store, practice, size, files)
            with _workers(count, env):
                took, failed = _wait(store, batch)
            rates[count] = len(batch) / took * 60
            print(
                f"practice: {count} worker(s): {len(batch)} jobs in {took:.1f} s, "
                f"{rates[count]:.1f} jobs/min, {failed} failed"
            )
        ratio = rates[2] / rates[1]
        verdict = "OK" if ratio >= 1.8 else "BELOW the 1.8x target"
        print(f"practice: throughput 1 -> 2 workers: {ratio:.2f}x [{verdict}]")
        with _server(env) as base, _workers(2, env):
            _warm_up(base, practice)
            batch = _submit_batch(store, practice, size, files)
            job_started = time.monotonic()
            loads = {
                name: _wrk(base, script, conns, size.seconds)
                for name, (script, conns) in _routes(practice, size.clients).items()
            }
            outputs = {name: proc.communicate()[0] for name, proc in loads.items()}
            figures = {name: _read_wrk(out) for name, out in outputs.items()}
            if os.environ.get("FOOTFIX_BENCH_DEBUG"):
                print(outputs)
            _took, failed = _wait(store, batch)
            total = time.monotonic() - job_started
        print(
            f"practice: {size.clients} clients for {size.seconds} s on 2 web workers, "
            f"with 2 job workers busy:"
        )
        for name, f in figures.items():
            print(
                f"  {name:14s} {f['requests'] / size.seconds:7.1f} req/s  p50 {f['p50']:7.1f} ms"
                f"  p99 {f['p99']:7.1f} ms  errors {f['errors']:.0f}"
            )
        print(
            f"practice: under load, {len(batch)} jobs ended in {total:.1f} s "
            f"({len(batch) / total * 60:.1f} jobs/min), {failed} failed"
        )
    os.environ.pop("FOOTFIX_BROKER_URL", None)


if __name__ == "__main__":
    main()
