"""One JSON error shape for the whole API: ``{"error": {"code": ..., "message": ...}}``.

Pages get the same code and message as a small HTML page instead.
"""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from markupsafe import escape
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from ..errors import ClaimledgerError

CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         413: "payload_too_large", 422: "invalid_request", 500: "internal_error"}


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def respond(request: Request, status: int, code: str, message: str):
    if request.url.path.startswith("/api"):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    return HTMLResponse(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{status}</title>'
                        f'<link rel="stylesheet" href="/static/app.css"></head><body><main>'
                        f"<h1>{status}: {escape(code)}</h1><p>{escape(message)}</p>"
                        '<p><a href="/events">Events</a></p></main></body></html>', status_code=status)


def install(app: FastAPI) -> None:
    from .queries import NotFound

    @app.exception_handler(ApiError)
    async def _api(request: Request, e: ApiError):
        return respond(request, e.status, e.code, e.message)

    @app.exception_handler(NotFound)
    async def _missing(request: Request, e: NotFound):
        return respond(request, 404, "not_found", str(e))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, e: HTTPException):
        message = e.detail if isinstance(e.detail, str) else str(e.detail)
        return respond(request, e.status_code, CODES.get(e.status_code, "error"), message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, e: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
                             for err in e.errors())
        return respond(request, 422, "invalid_request", problems or "invalid request")

    @app.exception_handler(ClaimledgerError)
    async def _store(request: Request, e: ClaimledgerError):
        return respond(request, 500, "store_error", str(e))

    @app.exception_handler(Exception)
    async def _bug(request: Request, e: Exception):
        return respond(request, 500, "internal_error", f"{type(e).__name__}: {e}")
