"""Every page in headless Debian chromium (Playwright): loads without console errors;
from an event to an article, the highlighted number; screenshots for the README."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"

if not Path(CHROMIUM).exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}: "
                "apt-get install -y chromium (.ci/run does it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page that records console errors, failed requests and requests leaving the server."""
    context = browser.new_context(viewport={"width": 1100, "height": 760})
    pg = context.new_page()
    pg.set_default_timeout(5000)
    pg.problems = []
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("requestfailed", lambda r: pg.problems.append(f"failed: {r.url}"))
    pg.on("request", lambda r: r.url.startswith(("http://127.0.0.1", "data:"))
          or pg.problems.append(f"left the server: {r.url}"))
    yield pg
    context.close()


def _first_event_with_articles(client) -> dict:
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    return max(events, key=lambda e: (e["claims"], e["id"]))


def _pages(client) -> list[str]:
    copied = client.get("/api/copies", params={"limit": 1}).json()["items"][0]["copy"]["article"]
    event = _first_event_with_articles(client)["id"]
    return ["/events", f"/events/{event}", "/map", "/timeline", "/articles", f"/articles/{copied}",
            "/copies", "/sources", "/events?q=protesters&category=killed"]


def test_every_page_loads_without_console_errors(page, server, client):
    for path in _pages(client):
        response = page.goto(server + path, wait_until="load")
        assert response.status == 200, path
        assert page.locator("main h1").count() == 1, path
        assert page.problems == [], (path, page.problems)


def test_from_an_event_to_the_highlighted_number(page, server, client):
    event = _first_event_with_articles(client)
    page.goto(f"{server}/events/{event['id']}")
    row = page.locator("table.figures tbody tr").first
    span = row.locator("td.figure").inner_text()
    link = row.locator("a.article-link").first
    article = link.inner_text()
    link.click()
    page.wait_for_url(f"**/articles/{article}")
    number = page.locator("#text mark.num", has_text=span).first
    assert number.is_visible()
    claim = client.get(f"/api/articles/{article}").json()["claims"][int(number.get_attribute("data-claim"))]
    assert claim["span"] == span
    assert number.get_attribute("title").endswith(claim["chain"])  # hovering shows its chain
    number.click()
    record = page.locator("#claim-panel pre.claim-record").inner_text()
    assert f'"span": "{span}"' in record and f'"category": "{claim["category"]}"' in record
    assert page.problems == []


def _asked(page) -> list[str]:
    asked: list[str] = []
    page.on("request", lambda r: "/api/map?" in r.url and asked.append(r.url))
    return asked


def _zoom(url: str) -> int:
    return int(parse_qs(urlsplit(url).query)["zoom"][0])


def test_the_map_draws_markers_without_tiles(page, server, client):
    asked = _asked(page)
    page.goto(server + "/map")
    page.locator("#map-status", has_text="in view").wait_for()
    page.wait_for_load_state("networkidle")
    placed = client.get("/api/map").json()
    assert placed["total"] >= 1 and not placed["clustered"]
    assert f"{placed['total']} events in view" in page.locator("#map-status").inner_text()
    assert page.locator("#map .leaflet-interactive").count() >= 1
    assert page.locator("#map img.leaflet-tile").count() == 0  # no tile URL set: none asked for
    assert asked and all("bbox=" in url and "zoom=" in url for url in asked)  # what is in view
    assert page.problems == []


def test_the_map_clusters_many_events_and_zooms_in(page, serve, world_ledger):
    from claimledger.web import create_app
    with serve(create_app(world_ledger[0])) as base:
        asked = _asked(page)
        page.goto(base + "/map")
        status = page.locator("#map-status")
        page.locator("#map-status", has_text="counted per area").wait_for()
        page.wait_for_load_state("networkidle")  # the world asked for, then the view it was fitted to
        clusters = page.locator("#map .marker-cluster")
        assert clusters.count() >= 2
        shown = sum(int(c.replace(",", "")) for c in clusters.all_inner_texts())
        assert 0 < shown <= int(status.inner_text().split()[0].replace(",", ""))
        biggest = max(range(clusters.count()), key=lambda i: int(clusters.nth(i).inner_text().replace(",", "")))
        zoom = _zoom(asked[-1])
        with page.expect_request(lambda r: "/api/map?" in r.url) as zoomed:
            clusters.nth(biggest).click()
        assert _zoom(zoomed.value.url) > zoom  # zoomed in, and asked for the new view
        assert page.locator("#map .leaflet-interactive").count() >= 1
        assert page.problems == []


def test_screenshots(page, server, client):
    if os.environ.get("CLAIMLEDGER_SCREENSHOTS") != "1":
        pytest.skip("set CLAIMLEDGER_SCREENSHOTS=1 to rewrite docs/screenshots/")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    copied = client.get("/api/copies", params={"limit": 1}).json()["items"][0]["copy"]["article"]
    event = _first_event_with_articles(client)["id"]
    shots = {"events": "/events", "event": f"/events/{event}", "map": "/map", "timeline": "/timeline",
             "article": f"/articles/{copied}", "copies": "/copies"}
    for name, path in shots.items():
        page.goto(server + path)
        if name == "article":
            page.locator("mark.num").first.click()
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    assert page.problems == []


def test_an_event_page_draws_each_figures_genealogy(page, server, client):
    """The seeds' November 2019 wave: the 1,500 killed figure's genealogy is drawn, with
    its first sayer's lane and the unattributed repeats marked, in the real browser."""
    events = client.get("/api/events", params={"category": "killed", "limit": 500}).json()["items"]
    wave = next(e for e in events if {"000_e40b1d751717fdce", "002_64e4dc12b39a7a61"} <= set(e["articles"]))
    page.goto(f"{server}/events/{wave['id']}", wait_until="load")
    figure = page.locator("figure.genealogy", has_text="1500")
    assert figure.count() >= 1
    chart = figure.first.locator("svg.chart.genealogy")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 20  # drawn, not an empty element
    assert chart.locator(".unattributed-repeat").count() >= 2  # both seed articles repeat it
    assert "Mojahedin" in figure.first.inner_text()
    assert page.problems == []
