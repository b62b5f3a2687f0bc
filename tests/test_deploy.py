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
    download,
    free_port,
    map_frame,
    open_expander,
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
        open_expander(page, "Download this map and its data")
        every_download_works(page)
        victim = serving.browser_replica()
        subprocess.run(["kill", "-9", str(serving.replicas[victim])], check=True)
        page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']",
                               state="detached", timeout=30_000)  # fmt: skip
        wait_for_app(page)  # reconnected through nginx to the living replica
        wait_for_layer(map_frame(page), "CSTO|2012-07-01")  # the view restored from its URL
        serving.wait_restarted(victim)
        open_expander(page, "Download this map and its data")
        every_download_works(page)  # whichever replica answers: the session holds no file
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
    for port in serving.replicas:
        with pytest.raises(OSError):
            __import__("urllib.request").request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)


def test_the_container_and_kubernetes_examples_follow_the_readme():
    readme = (ROOT / "README.md").read_text()
    docker = (ROOT / "deploy" / "Dockerfile").read_text()
    assert "pip install --no-cache-dir -r requirements.txt" in docker
    assert 'CMD ["streamlit", "run", "dashboard.py"' in docker and "USER 65534" in docker
    kube = (ROOT / "deploy" / "kubernetes.yaml").read_text()
    assert "replicas: 2" in kube and "sessionAffinity: ClientIP" in kube
    assert kube.count("path: /_stcore/health") == 2
    for name in ("deploy/serve", "deploy/Dockerfile", "deploy/kubernetes.yaml", "ip_hash"):
        assert name in readme, name
