"""What FastAPI does not do our way: the schema names the bearer token, and unknown query
parameters are refused like unknown body fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response
from fastapi.routing import APIRoute

from goals_desktop.domain.errors import ValidationError


def document_bearer_auth(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            schema.setdefault("components", {})["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
            schema["security"] = [{"bearer": []}]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


class StrictQueryRoute(APIRoute):
    """Unknown query parameters are refused, like unknown body fields: `?stauts=active` must not
    quietly answer every goal."""

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()
        allowed = {param.alias for param in self.dependant.query_params}

        async def checked(request: Request) -> Response:
            unknown = [name for name in request.query_params if name not in allowed]
            if unknown:
                raise ValidationError(f"Unknown query parameter {unknown[0][:60]!r}.")
            return await handler(request)

        return checked
