"""The outermost layer of the web app: security headers on every response and a cap
on request bodies.

It wraps the whole middleware stack (see ``app.LedgerApp``), so even a 500 answered
by Starlette's last-resort handler carries the headers. A body over the cap is
refused with 413 before it is read: at once when ``Content-Length`` says so, else as
soon as the bytes streamed in (chunked) pass the cap.
"""
from __future__ import annotations

import json
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class RequestTooLarge(HTTPException):
    """Raised from ``receive`` inside the app: FastAPI re-raises HTTPExceptions met while
    reading a body, so the app's own handler answers 413 in the one error shape."""

    def __init__(self, limit: int):
        super().__init__(413, too_large_message(limit))


def too_large_message(limit: int) -> str:
    return (f"the request body is over {limit:,} bytes; send a smaller one or raise the "
            "max_request_mb setting (CLAIMLEDGER_MAX_REQUEST_MB)")


def content_security_policy(tiles: str | None) -> str:
    """Only this server's scripts, styles and images (plus data: images: the favicon and
    Leaflet's blank tile); the tile server's origin too when the map uses one."""
    images = "'self' data:"
    if tiles:
        parts = urlsplit(tiles)
        images += f" {parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    return ("default-src 'self'; script-src 'self'; style-src 'self'; "
            f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")


def security_headers(tiles: str | None) -> list[tuple[bytes, bytes]]:
    return [(b"content-security-policy", content_security_policy(tiles).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer")]


class Guard:
    """ASGI middleware: ``max_bytes`` per request body, ``headers`` on every response."""

    def __init__(self, app: ASGIApp, max_bytes: int, headers: list[tuple[bytes, bytes]]):
        self.app, self.max_bytes, self.headers = app, max_bytes, headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        ours = {name for name, _ in self.headers}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in ours]
                message = dict(message, headers=kept + self.headers)
            await send(message)

        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send_with_headers)
            return
        seen = 0

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise RequestTooLarge(self.max_bytes)
            return message

        await self.app(scope, counted_receive, send_with_headers)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"error": {"code": "payload_too_large",
                                     "message": too_large_message(self.max_bytes)}}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:  # the server (h11) refuses such a request before us
                return None
    return None
