"""Error answers: one sentence in {"detail": ...}, never a traceback and never a file path.

The service's errors keep their own sentences (the CLI prints the same ones); a StorageError's
sentence names the database's path for the person at the window, which a client of the API must
not learn, so it is left out here.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from goals_desktop.api import schemas
from goals_desktop.domain.errors import ConflictError, GoalsError, NotFoundError, StorageError, ValidationError

log = logging.getLogger("goals_desktop.api")

# The status every face-independent error maps to; the message is the service's own sentence.
ERROR_STATUS: tuple[tuple[type[GoalsError], int], ...] = (
    (NotFoundError, 404),
    (ValidationError, 422),
    (ConflictError, 409),
    (StorageError, 503),
)
BUSY = "The database is busy in another program; nothing was changed — try again in a moment."

_ERROR = {"model": schemas.ErrorOut}
COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {**_ERROR, "description": "The Host header is not this server's (DNS rebinding protection)."},
    401: {**_ERROR, "description": "Missing or wrong bearer token."},
    413: {**_ERROR, "description": "The request body is over 1 MiB."},
    422: {**_ERROR, "description": "Bad input; nothing was changed."},
    503: {**_ERROR, "description": "The database cannot be used right now (busy, read-only, full disk, ...)."},
}
WITH_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    **COMMON_ERRORS,
    404: {**_ERROR, "description": "No goal, milestone or todo with that id."},
}


def without_location(error: GoalsError) -> str:
    """The error's sentence without the database's path (or server address)."""
    text = str(error)
    where = getattr(error, "path", None)
    if where:
        text = text.replace(f" ({where})", "").replace(str(where), "the database")
    return text


def _field_name(loc: tuple) -> str:
    names = [str(part) for part in loc if part not in ("body", "query", "path")]
    return ".".join(names).replace("_", " ") if names else "request body"


def describe_validation_error(errors: list[dict[str, Any]]) -> str:
    """pydantic's first complaint as one sentence, worded like the domain rules' messages."""
    if not errors:
        return "The request is not valid."
    error = errors[0]
    kind, loc = error.get("type", ""), tuple(error.get("loc", ()))
    field = _field_name(loc)
    if kind == "json_invalid":
        return "The request body is not valid JSON."
    if kind == "missing":
        return "The request needs a JSON body." if field == "request body" else f"The {field} is required."
    if kind == "extra_forbidden":
        return f"Unknown field {str(loc[-1])[:60]!r}."
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return f"The {field} must be a JSON object (send it with Content-Type: application/json)."
    if kind.startswith("string"):
        return f"The {field} must be text."
    if kind.startswith("bool"):
        return f"{str(loc[-1])[:60]!r} must be true or false."  # as the service words it
    if kind in ("list_type", "tuple_type"):
        return f"The {field} must be a list."
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"The {field} must be one of: {expected.replace(chr(39), '')}."
    if kind.startswith("int"):
        return f"The {field} must be a whole number."
    message = str(error.get("msg", "is not valid")).rstrip(".")
    return f"The {field} is not valid: {message[:200]}."


def _http_error_detail(exc: StarletteHTTPException, request: Request) -> str:
    if isinstance(exc.detail, str) and exc.detail.endswith((".", "?", "!")):
        return exc.detail
    if exc.status_code == 404:
        return "There is no such endpoint; /openapi.json lists them."
    if exc.status_code == 405:
        return f"This endpoint does not accept {request.method}; /openapi.json lists what it does."
    return f"{exc.detail}." if isinstance(exc.detail, str) else "The request cannot be served."


def error_status(error: GoalsError) -> int:
    return next((code for kind, code in ERROR_STATUS if isinstance(error, kind)), 400)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(GoalsError)
    async def goals_error(_request: Request, exc: GoalsError) -> JSONResponse:
        return JSONResponse({"detail": without_location(exc)}, status_code=error_status(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": describe_validation_error(list(exc.errors()))}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 204 or exc.status_code < 400:
            return Response(status_code=exc.status_code, headers=exc.headers)
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # FastAPI's words for a body that is not even text (e.g. not UTF-8): the same answer as bad JSON.
            return JSONResponse({"detail": "The request body is not valid JSON."}, status_code=422)
        return JSONResponse({"detail": _http_error_detail(exc, request)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        # A bug: logged with its traceback; the client gets one sentence.
        log.error("Unexpected error serving an API request", exc_info=exc)
        return JSONResponse(
            {"detail": f"Unexpected problem ({type(exc).__name__}); it was logged, please report it."}, status_code=500
        )
