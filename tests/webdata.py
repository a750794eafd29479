"""Feeds, pages and web archives the tests make for themselves (no network)."""
from __future__ import annotations

from email.utils import format_datetime
from datetime import datetime, timezone
from html import escape
from io import BytesIO
from pathlib import Path

EN = ("Security forces killed at least 12 protesters in Mashhad on Friday, witnesses said. "
      "Hundreds of people had gathered in the main square to demand the release of "
      "detained students, and the crowd grew through the afternoon.")
FR = ("Les forces de sécurité ont tué au moins douze manifestants à Mashhad vendredi, selon "
      "des témoins. Des centaines de personnes s'étaient rassemblées sur la place principale "
      "pour réclamer la libération des étudiants détenus.")


def page(title: str, text: str, published: str | None = None, lang: str = "en") -> str:
    """An article page with the metadata trafilatura reads."""
    meta = (f'<meta property="article:published_time" content="{published}">'
            if published else "")
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
    return (f'<!DOCTYPE html><html lang="{lang}"><head><title>{escape(title)}</title>{meta}</head>'
            f'<body><nav><a href="/">Home</a></nav><article><h1>{escape(title)}</h1>'
            f"{paragraphs}</article><footer>© the outlet</footer></body></html>")


def rss(items: list[dict], title: str = "Test feed") -> str:
    """RSS 2.0; an item dict has link, title and optionally guid, date, summary, content."""
    out = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
           f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
           f"<title>{escape(title)}</title><link>http://example.org/</link>"
           "<description>test</description>"]
    for item in items:
        out.append("<item>")
        for tag in ("title", "link", "guid"):
            if item.get(tag):
                out.append(f"<{tag}>{escape(item[tag])}</{tag}>")
        if item.get("date"):
            stamp = datetime.fromisoformat(item["date"]).replace(tzinfo=timezone.utc)
            out.append(f"<pubDate>{format_datetime(stamp)}</pubDate>")
        if item.get("summary"):
            out.append(f"<description>{escape(item['summary'])}</description>")
        if item.get("content"):
            out.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "".join(out)


def atom(items: list[dict]) -> str:
    entries = "".join(
        f"<entry><id>{escape(i['id'])}</id><title>{escape(i['title'])}</title>"
        f'<link href="{escape(i["link"])}"/><updated>{i["date"]}T08:00:00Z</updated>'
        f'<content type="html">{escape(i["content"])}</content></entry>' for i in items)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            '<title>Atom test</title><id>urn:test</id><updated>2024-01-01T00:00:00Z</updated>'
            f"{entries}</feed>")


def write_warc(path: Path, records: list[dict], gzip: bool = True) -> Path:
    """A WARC of response records: url, body (str or bytes), and optionally
    content_type (default text/html), status (default 200), date (WARC-Date)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for r in records:
            body = r["body"].encode("utf-8") if isinstance(r["body"], str) else r["body"]
            status = r.get("status", 200)
            http = StatusAndHeaders(f"{status} {'OK' if status == 200 else 'Not Found'}",
                                    [("Content-Type", r.get("content_type", "text/html; charset=utf-8"))],
                                    protocol="HTTP/1.1")
            headers = {"WARC-Date": r["date"]} if r.get("date") else None
            record = writer.create_warc_record(r["url"], "response", payload=BytesIO(body),
                                               http_headers=http, warc_headers_dict=headers)
            writer.write_record(record)
    return path
