"""Persian reads right to left in the web app, its numbers highlighted at their offsets."""
from __future__ import annotations

import re


def test_a_persian_article_is_right_to_left_with_its_numbers_marked(client):
    page = client.get("/articles/fa-06").text
    assert '<article id="text" dir="rtl" lang="fa">' in page
    marked = re.findall(r'<mark class="num"[^>]*>([^<]*)</mark>', page)
    assert "۱۸۰۵۹" in marked and any("۴۴۰" in m for m in marked)
    assert 'dir="rtl"' not in client.get("/articles/news-01").text


def test_a_persian_claims_sentence_is_right_to_left_in_its_event(client):
    events = client.get("/api/events", params={"country": "IR", "limit": 500}).json()["items"]
    persian = next(e for e in events if any(a.startswith("fa-") for a in e["articles"]))
    page = client.get(f"/events/{persian['id']}").text
    assert re.search(r'<span class="muted" dir="rtl" lang="fa">[^<]*[\u0600-\u06ff]', page)
