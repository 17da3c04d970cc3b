"""The trainer app in a real browser: Debian's Chromium driven by Playwright (no browser
download). The page loads without errors, Step changes the counts, a new fee changes the next
run, and a screenshot is saved under results/."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)

if CHROMIUM is None:
    if os.environ.get("OUTREACH_REQUIRE_BROWSER") == "1":
        raise RuntimeError("Chromium is required (OUTREACH_REQUIRE_BROWSER=1) but not installed: apt-get install chromium")
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sim", "app", "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(url, timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("the app did not answer within 90 s")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def summary(page) -> str:
    return page.locator("#outreach-summary").inner_text()


def step(page, times: int) -> None:
    for _ in range(times):
        before = summary(page)
        page.get_by_role("button", name="Step").click()
        for _ in range(100):
            if summary(page) != before:
                break
            time.sleep(0.05)


def test_app_in_chromium(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        answered: dict[str, int] = {}  # every request the page makes, and the status it got
        page.on("response", lambda r: answered.__setitem__(r.url, r.status))
        page.on("requestfailed", lambda r: errors.append(f"{r.url}: {r.failure}"))
        page.goto(server, timeout=60000)
        page.locator("#outreach-summary").wait_for(timeout=60000)
        assert "Starts: 0" in summary(page) and "EUR 270" in summary(page)
        step(page, 30)
        first = summary(page)
        assert "Conversations: 0" not in first and "Week 0" not in first
        # a lower fee, a reset, the same number of steps: another run
        fee = page.get_by_text("Fee (EUR) / Eigen bijdrage").locator("xpath=..")
        track = fee.locator(".v-slider").first
        box = track.bounding_box()
        page.mouse.click(box["x"] + 2, box["y"] + box["height"] / 2)
        page.get_by_role("button", name="Reset").click()
        page.wait_for_timeout(1500)
        assert "Week 0" in summary(page) and "EUR 270" not in summary(page)
        step(page, 30)
        second = summary(page)
        out = ROOT / "results"
        out.mkdir(exist_ok=True)
        page.screenshot(path=str(out / "app_screenshot.png"), full_page=True)
        browser.close()
    outcome = lambda text: text.split("Starts:")[1]  # noqa: E731 - the counts, not the fee line
    assert outcome(second) != outcome(first)
    assert not errors, errors
    # the allow-list of the server lets through everything the page needs, from this machine only
    refused = {u: s for u, s in answered.items() if s >= 400}
    assert not refused, refused
    assert all(u.startswith((server, "blob:", "data:")) for u in answered), sorted(answered)


# Paths a visitor could try: the project's own files, traversal (plain and encoded), solara's
# statistics and public folder, and a package its CDN proxy would fetch from the internet.
FORBIDDEN = ["pyproject.toml", "sim/app.py", "scenarios/roermond_pilot.yaml", ".git/config", "results/",
             "static/public/app.py", "static/assets/../../pyproject.toml", "static/%2e%2e/%2e%2e/pyproject.toml",
             "static/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "jupyter/nbextensions/../../../pyproject.toml",
             "jupyter/nbextensions/widgetsnbextension/extension.js", "resourcez", "resourcez?verbose",
             "_solara/cdn/lodash@4.17.21/lodash.js", "_solara/cdn/../../../../etc/passwd", "static/../sim/app.py",
             "jupyter/api/contents", "api/contents", "static/solara_bootstrap.py/../../app.py", "..%2fpyproject.toml"]


@pytest.mark.parametrize("path", FORBIDDEN)
def test_the_app_serves_nothing_else(server, path):
    import http.client
    from urllib.parse import urlsplit

    # http.client sends the path exactly as written (urllib would normalise the dots away)
    u = urlsplit(server)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    conn.request("GET", "/" + path)
    status = conn.getresponse().status
    conn.close()
    assert status == 404, (path, status)


def test_the_app_listens_on_loopback_only(server):
    import psutil

    port = int(server.rstrip("/").rsplit(":", 1)[1])
    listening = [c.laddr.ip for c in psutil.net_connections(kind="inet")
                 if c.status == psutil.CONN_LISTEN and c.laddr.port == port]
    assert listening and set(listening) <= {"127.0.0.1"}, listening
