"""Two replicas behind nginx on loopback: the config nginx accepts, 50 readers without an
error, every download found, a replica killed under an open page, a clean stop."""

import re
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from test_e2e_views import MAP_FILES

from bench_load import wave
from browser import (
    ROOT,
    close_panel,
    download,
    free_port,
    map_frame,
    open_panel,
    set_date,
    wait_for_app,
    wait_for_layer,
    wait_until,
)
from conftest import check_page, new_page

SERVE = ROOT / "deploy" / "serve"
NGINX = Path("/usr/sbin/nginx")
pytestmark = pytest.mark.skipif(not NGINX.exists(), reason="needs Debian's nginx (.ci/run)")
sys.path.insert(0, str(ROOT / "deploy"))


def load_serve():
    import importlib.machinery
    import importlib.util

    loader = importlib.machinery.SourceFileLoader("serve", str(SERVE))
    spec = importlib.util.spec_from_loader("serve", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.mark.parametrize("affinity", ["ip", "cookie"])
def test_nginx_accepts_the_configuration(tmp_path, affinity):
    serve = load_serve()
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / sub).mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(serve.render([8501, 8502], "127.0.0.1:8080", tmp_path, affinity))
    check = subprocess.run([str(NGINX), "-t", "-c", str(conf), "-p", str(tmp_path)],
                           capture_output=True, text=True)  # fmt: skip
    assert check.returncode == 0, check.stderr
    text = conf.read_text()
    assert "proxy_set_header Host $http_host;" in text and "proxy_next_upstream error" in text
    assert ("ip_hash;" in text) == (affinity == "ip")
    assert ("atlas_replica=$atlas_affinity" in text) == (affinity == "cookie")
    assert "limit_req zone=persession" in text and "limit_req zone=perclient" in text
    assert "default_server;\n        return 444;" in text  # a foreign Host reaches nothing


class Serving:
    """deploy/serve in the foreground, as a deployer runs it; its output is read line by line."""

    def __init__(self, affinity: str):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [str(SERVE), "--replicas", "2", "--port", str(self.port), "--affinity", affinity],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.replicas, self.runtime = {}, None
        for line in self.proc.stdout:
            if m := re.match(r"replica pid (\d+) port (\d+)", line):
                self.replicas[int(m[2])] = int(m[1])
            elif m := re.match(r"nginx pid \d+; logs in (\S+)", line):
                self.runtime = Path(m[1])
            elif line.startswith(("ready:", "error:")):
                assert line.startswith("ready:"), line
                break
        self.url = f"http://127.0.0.1:{self.port}"

    def browser_replica(self) -> int:
        """The replica nginx sends the browser to (its requests, from nginx's access log)."""
        lines = (self.runtime / "access.log").read_text().splitlines()
        last = [ln for ln in lines if "Chrome" in ln and "upstream=127.0.0.1:" in ln][-1]
        return int(re.search(r"upstream=127\.0\.0\.1:(\d+)", last)[1])

    def wait_restarted(self, port: int) -> None:
        """Until the supervisor has started the replica on ``port`` again and it answers."""
        for line in self.proc.stdout:
            m = re.match(r"replica pid (\d+) port (\d+)", line)
            if m and int(m[2]) == port:
                self.replicas[port] = int(m[1])
                return

    def answered(self, path: str) -> set[int]:
        """The replicas that answered requests for ``path`` (from nginx's access log)."""
        lines = (self.runtime / "access.log").read_text().splitlines()
        hits = [re.search(r"upstream=127\.0\.0\.1:(\d+)", ln) for ln in lines if path in ln]
        return {int(h[1]) for h in hits if h}

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=30)


def every_download_works(page) -> None:
    """Each file of the membership map in view, from its link, arrives whole."""
    for label, suffix, magic in MAP_FILES:
        name, data = download(page, label, timeout=60_000)
        assert name.endswith(f".{suffix}") and data.startswith(magic), label


def readers(url, n, changes=5):
    import asyncio

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, wave(url, n, seed=n, changes=changes)).result()


@pytest.mark.parametrize("affinity", ["ip", "cookie"])
def test_two_replicas_behind_nginx(browser, affinity):
    serving = Serving(affinity)
    try:
        assert len(serving.replicas) == 2
        crowd = readers(serving.url, 50)
        assert [e for r in crowd for e in r.errors] == []
        context, page = new_page(browser)
        page.goto(f"{serving.url}/?org=CSTO&date=2012-07-01")
        wait_for_app(page)
        wait_for_layer(map_frame(page), "CSTO|2012-07-01")
        files = open_panel(page, "Download this map and its data")
        every_download_works(page)
        close_panel(page, files)
        victim = serving.browser_replica()
        subprocess.run(["kill", "-9", str(serving.replicas[victim])], check=True)
        page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']",
                               state="detached", timeout=30_000)  # fmt: skip
        wait_for_app(page)  # reconnected through nginx to the living replica
        wait_for_layer(map_frame(page), "CSTO|2012-07-01")  # the view restored from its URL
        serving.wait_restarted(victim)
        files = open_panel(page, "Download this map and its data")
        every_download_works(page)  # whichever replica answers: the session holds no file
        close_panel(page, files)
        assert victim in serving.answered("/api/v1/")
        set_date(page, "2009-08-18")
        page.get_by_role("heading", level=3).first.click()
        wait_for_layer(map_frame(page), "CSTO|2009-08-18")
        page.wait_for_url(re.compile(r"date=2009-08-18"))  # written at the run's end
        page.reload()  # a fresh load works too (affinity may bring it back to the victim)
        wait_for_layer(map_frame(page), "CSTO|2009-08-18")
        after = readers(serving.url, 10, changes=1)
        assert [e for r in after for e in r.errors] == []
        check_page(page)
        context.close()
    finally:
        code = serving.stop()
    assert code == 0

    def gone() -> bool:
        left = subprocess.run(["pgrep", "-f", str(serving.runtime)], capture_output=True)
        return left.stdout.strip() == b""

    wait_until(gone, 10, "nginx and the replicas gone")
    assert not serving.runtime.exists()  # its folder (configuration, logs) removed
    for port in serving.replicas:
        with pytest.raises(OSError):
            __import__("urllib.request").request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)


class Dying:
    """A replica process that has exited (``poll`` gives its exit code)."""

    pid, returncode = 1, 1

    def poll(self):
        return 1


class Clock:
    """Time that passes only when the supervisor sleeps."""

    def __init__(self):
        self.now = 0.0

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_a_replica_that_keeps_dying_is_restarted_later_each_time(monkeypatch, tmp_path):
    serve = load_serve()
    clock, said, starts = Clock(), [], []
    monkeypatch.setattr(serve, "time", clock)
    monkeypatch.setattr(serve, "say", said.append)
    monkeypatch.setattr(serve, "answers", lambda port: False)
    monkeypatch.setattr(serve, "replica", lambda *a: starts.append(clock.now) or Dying())
    nginx = type("Nginx", (), {"poll": lambda self: None})()
    serve.supervise({8501: Dying()}, nginx, tmp_path, (), lambda: clock.now > 120)
    gaps = [round(b - a) for a, b in zip(starts, starts[1:])]
    assert gaps[:5] == [2, 4, 8, 16, 30]  # each wait longer (plus the half-second look)
    assert all(g <= 31 for g in gaps)
    assert said[0] == "replica on port 8501 exited with 1; restarting in 1 s"


def test_the_container_is_pinned_and_installs_from_the_lock():
    docker = (ROOT / "deploy" / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim-bookworm@sha256:[0-9a-f]{64}$", docker, re.M)
    assert "pip install --no-cache-dir --require-hashes -r requirements.lock" in docker
    assert 'CMD ["streamlit", "run", "dashboard.py"' in docker and "USER 65534" in docker
    assert re.search(r"HEALTHCHECK --start-period=\d+s", docker)
    assert "python -m app.static /opt/atlas-static" in docker


def test_the_lock_pins_every_package_with_its_hashes():
    """deploy/requirements.lock holds every package, each with hashes, and agrees with
    requirements.txt on each version it pins."""
    lock = (ROOT / "deploy" / "requirements.lock").read_text()
    pins = dict(re.findall(r"^([a-z0-9._-]+)==(\S+) \\$", lock, re.M | re.I))
    blocks = re.split(r"^(?=[a-z0-9._-]+==)", lock, flags=re.M | re.I)[1:]
    assert len(blocks) == len(pins) > 40
    assert all("--hash=sha256:" in b for b in blocks)
    wanted = re.findall(
        r"^([A-Za-z0-9._-]+)==(\S+)$", (ROOT / "requirements.txt").read_text(), re.M
    )
    normal = {k.lower().replace("_", "-"): v for k, v in pins.items()}
    for name, version in wanted:
        assert normal.get(name.lower().replace("_", "-")) == version, name


def manifests() -> dict[str, dict]:
    import yaml

    docs = yaml.safe_load_all((ROOT / "deploy" / "kubernetes.yaml").read_text())
    return {d["kind"]: d for d in docs}


def test_the_kubernetes_manifests_pass_strict_validation():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kubernetes_validate",
            "--strict",
            str(ROOT / "deploy" / "kubernetes.yaml"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    warnings = [ln for ln in done.stdout.splitlines() if not ln.startswith("INFO")]
    # The one kind without a built-in schema is the Gateway API's route (a CRD).
    assert all("kind HTTPRoute" in ln for ln in warnings), warnings
    assert done.stdout.count("passed for resource") == len(manifests()) - 1


def test_what_the_schemas_cannot_see():
    found = manifests()
    pod = found["Deployment"]["spec"]["template"]["spec"]
    (box,) = pod["containers"]
    assert not box["image"].endswith(":latest") and ":" in box["image"].rsplit("/", 1)[1]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    assert box["securityContext"] == {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"]},
    }
    assert {"requests", "limits"} <= set(box["resources"])
    assert box["readinessProbe"]["httpGet"]["path"] == "/api/v1/status"  # fails on bad data
    hosts = next(e["value"] for e in box["env"] if e["name"] == "STREAMLIT_SERVER_ALLOWED_HOSTS")
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        header = box[probe]["httpGet"]["httpHeaders"][0]
        assert header["name"] == "Host" and header["value"] in hosts.split(), probe
    pause = int(box["lifecycle"]["preStop"]["exec"]["command"][-1])
    assert pod["terminationGracePeriodSeconds"] > pause + 20  # time left to drain pages
    assert (
        found["PodDisruptionBudget"]["spec"]["selector"] == found["Deployment"]["spec"]["selector"]
    )
    route = found["HTTPRoute"]["spec"]
    (rule,) = route["rules"]
    assert rule["sessionPersistence"]["type"] == "Cookie"
    assert rule["timeouts"] == {"request": "0s", "backendRequest": "0s"}  # WebSockets live on
    assert all(h in hosts.split() for h in route["hostnames"])
    assert rule["backendRefs"][0]["name"] == found["Service"]["metadata"]["name"]


def test_the_docs_name_the_deployments():
    readme = (ROOT / "docs" / "deploying.md").read_text()
    for name in ("deploy/serve", "deploy/Dockerfile", "deploy/kubernetes.yaml", "ip_hash"):
        assert name in readme, name
