"""The seed's Goals API served over HTTP and WebSocket: a face over GoalService, like the CLI.

`app.create_app(service, token=...)` builds the FastAPI app; `server.serve(...)` runs it on uvicorn,
headless or as a task on the window's qasync loop. Importing this package is cheap: FastAPI and
uvicorn load only with `goals_desktop.api.app` / `goals_desktop.api.server`, so nothing on the
window's start-up path pays for them. `goals_desktop.api.token` (no FastAPI) finds the bearer token.
"""
