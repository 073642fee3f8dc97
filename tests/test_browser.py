"""End to end in a real browser: Playwright drives Debian's Chromium against ``newsfuse serve``.

Skips when Playwright (``pip install playwright``; its own browser download
is not used) or ``/usr/bin/chromium`` (``apt-get install chromium``, see
.ci/install-browser) is missing.  Screenshots go to ``$NEWSFUSE_SCREENSHOTS``
when set, else to pytest's temporary folder.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
pytest.importorskip("uvicorn")
pytest.importorskip("fastapi")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)

from newsfuse.store import Store  # noqa: E402

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1200, "height": 900}


@contextmanager
def serving(db_path: Path) -> Iterator[str]:
    """Yield the base URL of ``newsfuse serve`` on a free local port, stopped afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from newsfuse.cli import main; main()", "serve",
               "--db", str(db_path), "--port", str(port), "--quiet"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"newsfuse serve exited: {server.stdout.read() if server.stdout else ''}")
            try:
                with urllib.request.urlopen(base + "/api/stories", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("NEWSFUSE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("browser") / "seeds.db"
    with Store.open(path) as store:
        store.ingest([SEEDS])
    with serving(path) as base:
        yield base


class Watch:
    """What a page did that it should not: dialogs, console errors, CSP violations, failed loads."""

    def __init__(self, page) -> None:  # noqa: ANN001
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog) -> None:  # noqa: ANN001
        self.dialogs.append(dialog.message)
        dialog.dismiss()


# ------------------------------------------------------------------ reading

def test_a_reader_opens_a_story_expands_evidence_and_sees_the_dispute(browser, seed_site, screenshots):
    page = browser.new_page(viewport=DESKTOP)
    watch = Watch(page)
    page.goto(seed_site + "/")
    cards = page.locator("li.story-card")
    assert cards.count() == 1
    headline = cards.first.locator("h2 a").inner_text()
    assert cards.first.locator(".bar .cell.on").count() == 5
    page.screenshot(path=str(screenshots / "list.png"), full_page=True)

    cards.first.locator("h2 a").click()
    page.wait_for_url("**/stories/**")
    assert page.locator("h1").inner_text() == headline

    point = page.locator("#point-1")
    evidence = point.locator("details.evidence")
    assert evidence.get_attribute("open") is None
    first_mark = evidence.locator("mark").first
    assert not first_mark.is_visible()
    point.locator("details.evidence > summary").click()
    assert evidence.get_attribute("open") is not None
    assert first_mark.is_visible()
    assert len(first_mark.inner_text()) > 20

    values = page.locator("table.dispute tr.values td").all_inner_texts()
    cleaned = [value.strip("“” ") for value in values]
    assert "President" in cleaned and "former President" in cleaned
    left, right = cleaned.index("President"), cleaned.index("former President")
    assert abs(left - right) == 1, cleaned  # side by side in one row
    assert page.locator("table.dispute mark.diff").first.inner_text() == "former"

    # The script's "Expand all" opens every evidence list of a section.
    section = page.locator("#key-points")
    section.get_by_role("button", name="Expand all").click()
    closed = section.locator("details:not([open])").count()
    assert closed == 0
    page.screenshot(path=str(screenshots / "story.png"), full_page=True)
    page.locator("#disputes").screenshot(path=str(screenshots / "dispute.png"))
    assert watch.dialogs == [] and watch.errors == []
    page.close()


def test_the_story_page_fits_a_phone(browser, seed_site, screenshots):
    page = browser.new_page(viewport=PHONE, device_scale_factor=2)
    watch = Watch(page)
    page.goto(seed_site + "/")
    page.locator("li.story-card h2 a").first.click()
    page.wait_for_url("**/stories/**")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px phone"
    font_px = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.point-text')).fontSize)")
    assert font_px >= 14
    page.screenshot(path=str(screenshots / "story-phone.png"))
    page.goto(seed_site + "/")
    page.screenshot(path=str(screenshots / "list-phone.png"))
    assert watch.dialogs == [] and watch.errors == []
    page.close()


def test_pages_read_without_javascript(browser, seed_site):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(seed_site + "/?q=Putin")
    assert page.locator("li.story-card").count() == 1
    page.locator("li.story-card h2 a").click()
    page.wait_for_url("**/stories/**")
    assert page.locator(".expand-bar").count() == 0  # the script did not run
    point = page.locator("#point-1")
    point.locator("details.evidence > summary").click()
    assert point.locator("details.evidence mark").first.is_visible()
    assert page.locator("table.dispute tr.values td").count() >= 2
    context.close()


# ------------------------------------------------------------------ hostile content

def test_the_harness_catches_a_script_that_runs(browser):
    """A positive control: without escaping, the same watch sees the payload fire."""
    page = browser.new_page()
    watch = Watch(page)
    page.set_content('<img src="x:" onerror="alert(7)">')
    page.wait_for_timeout(200)
    assert watch.dialogs == ["7"]
    page.close()


def test_no_payload_runs_in_the_browser(browser, tmp_path_factory, screenshots):
    from test_serve_xss import build_hostile_store, hostile_paths

    path = tmp_path_factory.mktemp("browser-xss") / "hostile.db"
    story_ids = build_hostile_store(path)
    with serving(path) as base:
        page = browser.new_page(viewport=DESKTOP)
        watch = Watch(page)
        for number, target in enumerate(hostile_paths(story_ids)):
            page.goto(base + target)
            # Open every <details> and hover and focus what a reader would.
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            injected = page.evaluate(
                """() => {
                    const handlers = [...document.querySelectorAll('*')].filter(
                        el => [...el.attributes].some(a => a.name.startsWith('on')));
                    const foreign = document.querySelectorAll(
                        'img,svg,iframe,object,embed,video,audio,style,base,template,math,marquee,textarea');
                    const scripts = [...document.scripts].map(s => s.getAttribute('src'));
                    const links = [...document.querySelectorAll('[href]')].map(a => a.getAttribute('href'))
                        .filter(h => /^\\s*(javascript|data|vbscript):/i.test(h));
                    return {handlers: handlers.length, foreign: foreign.length, scripts, links};
                }"""
            )
            assert injected == {"handlers": 0, "foreign": 0, "scripts": ["/static/newsfuse.js"], "links": []}, target
            for link in page.locator("main a").all()[:20]:
                link.hover(timeout=2000)
            page.keyboard.press("Tab")
            page.wait_for_timeout(50)
            assert watch.dialogs == [], target
            if number == 2:
                page.screenshot(path=str(screenshots / "hostile-story.png"), full_page=True)
        assert watch.dialogs == []
        # Chromium logs "Refused to execute..." for anything the CSP had to stop: there must be none.
        assert [e for e in watch.errors if "Content Security Policy" in e or "Refused" in e] == []
        page.close()
