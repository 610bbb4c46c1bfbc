"""Playwright driving Debian's Chromium against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("NEWSDESK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI but {CHROMIUM} is missing")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium to run browser tests)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# axe-core, from npm (tests/browser/package.json; `make test` and .ci/run
# install it with `npm ci`). Injected into pages to check them.
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        message = f"axe-core is not installed ({AXE}); run: npm ci --prefix tests/browser"
        if os.environ.get("CI"):
            pytest.fail(f"axe-core is required in CI: {message}")
        pytest.skip(message)
    return AXE


@pytest.fixture
def new_page(browser):
    """Pages of other sizes or without JavaScript: new_page(width=390, js=False)."""
    contexts = []

    def make(*, width=1366, height=900, js=True, bypass_csp=False):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            java_script_enabled=js,
            bypass_csp=bypass_csp,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def seeds_story(seeds_dir):
    """The four same-report seeds imported, published and aligned, as an editor leaves them."""
    from django.core.management import call_command

    from stories.aligning import realign_story
    from stories.models import Story

    texts = sorted(str(p) for p in seeds_dir.glob("00[0-3]_*.txt"))
    manifest = str(seeds_dir / "manifest.json")
    call_command("import_articles", *texts, "--manifest", manifest, "--story", "nato-seeds")
    story = Story.objects.get(slug="nato-seeds")
    Story.objects.filter(pk=story.pk).update(published=True, title="NATO and cease-fire talks")
    realign_story(story.pk)
    story.refresh_from_db()
    return story
