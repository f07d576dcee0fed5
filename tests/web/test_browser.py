"""A real headless Chromium (Debian's `chromium`) drives the served web view over the Chrome
DevTools protocol: sign in, the dashboard, a control card; content, links, no console
errors, screenshots under the test's tmp folder. Skipped, saying why, without the browser."""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from reminder.web.app import create_app
from reminder.web.server import WebServer
from tests.web.conftest import PASSWORD, Deployment

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"{CHROMIUM} is not installed (apt-get install chromium)")


class Browser:
    """One page of a headless Chromium, spoken to over its DevTools websocket."""

    def __init__(self, folder: Path) -> None:
        import websocket

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--remote-debugging-port=0", f"--user-data-dir={folder}", "--window-size=1280,900",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = folder / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            assert time.monotonic() < deadline, "Chromium did not start"
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as r:
            page = next(t for t in json.load(r) if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.n = 0
        self.events: list[dict[str, Any]] = []
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.n += 1
        self.ws.send(json.dumps({"id": self.n, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.n:
                assert "error" not in msg, msg
                return msg.get("result", {})
            self.events.append(msg)

    def wait_load(self) -> None:
        deadline = time.monotonic() + 30
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            assert time.monotonic() < deadline, "page did not load"
            self.events.append(json.loads(self.ws.recv()))
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]

    def go(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        self.wait_load()

    def js(self, expression: str) -> Any:
        return self.call("Runtime.evaluate", expression=expression,
                         returnByValue=True)["result"].get("value")

    def shot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot")["data"]))

    def errors(self) -> list[str]:
        out = []
        for e in self.events:
            if e.get("method") == "Runtime.exceptionThrown":
                out.append(str(e["params"]))
            if e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error":
                out.append(e["params"]["entry"]["text"])
            if e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] == "error":
                out.append(str(e["params"]["args"]))
        return out

    def close(self) -> None:
        self.ws.close()
        self.proc.terminate()
        self.proc.wait(10)


@pytest.fixture
def served(deployment: Deployment) -> Iterator[str]:
    """The web view served by uvicorn on a free port, as the daemon serves it."""
    web = deployment.config.settings.web
    assert web is not None
    deployment.config = replace(deployment.config, settings=deployment.config.settings
                                .model_copy(update={"web": web.model_copy(
                                    update={"base_url": None})}))
    server = WebServer(create_app(deployment.state()), "127.0.0.1", 0)
    loop = asyncio.new_event_loop()
    started = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(server.start())
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert started.wait(10)
    yield f"http://127.0.0.1:{server.bound_port}"
    asyncio.run_coroutine_threadsafe(server.stop(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def test_chromium_signs_in_and_reads_the_dashboard_and_a_card(served: str, tmp_path: Path
                                                             ) -> None:
    browser = Browser(tmp_path / "profile")
    shots = tmp_path / "screenshots"
    shots.mkdir()
    try:
        browser.go(served + "/")
        assert browser.js("location.pathname") == "/login"
        browser.js(f"""document.querySelector('[name=name]').value = 'olena';
                      document.querySelector('[name=password]').value = {json.dumps(PASSWORD)};
                      document.querySelector('form').submit();""")
        browser.wait_load()
        assert browser.js("document.getElementById('total-overdue').textContent") == "4"
        links = browser.js("[...document.querySelectorAll('#register a')].map(a => a.href)")
        assert served + "/card/roadmap/1.1" in links and served + "/plan/roadmap" in links
        assert browser.js("document.querySelectorAll('svg.chart rect').length") == 2
        assert browser.js("document.querySelectorAll('script').length") == 0
        browser.shot(shots / "dashboard.png")
        browser.go(served + "/card/roadmap/1.3")
        # the title holding <script> is text on the page, and no script ran
        assert browser.js("document.getElementById('measure').textContent") == \
            "<script>alert(1)</script> Захід & «лапки»"
        assert browser.js("document.querySelectorAll('script').length") == 0
        browser.shot(shots / "card.png")
        assert browser.errors() == []
        for name in ("dashboard.png", "card.png"):
            assert (shots / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        browser.close()
    shutil.rmtree(tmp_path / "profile", ignore_errors=True)
