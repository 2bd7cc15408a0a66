"""Goal and roadmap routes: the document's Create, List, Get, Delete and Update Node Status, plus
goal edits (PATCH, and PUT as GAIA's web client sends it)."""

from __future__ import annotations

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import Response

from goals_desktop.api import schemas, shapes
from goals_desktop.api.cached import cached_read
from goals_desktop.api.errors import WITH_NOT_FOUND
from goals_desktop.api.shapes import Answer
from goals_desktop.api.openapi import StrictQueryRoute
from goals_desktop.domain.errors import ValidationError
from goals_desktop.storage import UNSET

PREFIX = "/api/v1"
GOAL_FIELDS = ("title", "description", "target_date", "status")

router = APIRouter(prefix=PREFIX, tags=["goals"], responses=WITH_NOT_FOUND, route_class=StrictQueryRoute)


def calls_of(request: Request):
    return request.app.state.calls


@router.post("/goals", status_code=201, response_model=schemas.GoalOut, summary="Create a goal")
async def create_goal(body: schemas.GoalCreate, request: Request) -> Answer:
    goal = await calls_of(request).write(lambda s: shapes.goal_answer(s.create_goal(body.title, body.description, body.target_date)))
    return Answer(goal, status_code=201)


@router.get("/goals", response_model=list[schemas.GoalSummaryOut], summary="List goals (oldest first)")
async def list_goals(
    request: Request,
    status: schemas.Status | None = Query(None, description="Only goals with this status."),
    search: str | None = Query(None, description="Only goals whose title or description contains this."),
) -> Answer:
    key = ("goals", status, search)
    return await cached_read(calls_of(request), key, lambda s: shapes.goal_list_answer(s, status, search))


@router.get("/goals/{goal_id}", response_model=schemas.GoalOut, summary="Get a goal with its roadmap and schedule")
async def get_goal(goal_id: str, request: Request) -> Answer:
    return await cached_read(calls_of(request), ("goal", goal_id), lambda s: shapes.goal_answer(s.get_goal(goal_id)))


@router.put("/goals/{goal_id}", response_model=schemas.GoalOut, summary="Change a goal (as GAIA's web client sends it)")
@router.patch("/goals/{goal_id}", response_model=schemas.GoalOut, summary="Change a goal's title, description, target date or status")
async def update_goal(goal_id: str, body: schemas.GoalUpdate, request: Request) -> Answer:
    given = body.model_fields_set
    if not given:
        raise ValidationError("Nothing to update; give title, description, target_date or status.")
    changes = {name: getattr(body, name) if name in given else UNSET for name in GOAL_FIELDS}
    return Answer(await calls_of(request).write(lambda s: shapes.goal_answer(s.update_goal(goal_id, **changes))))


@router.delete("/goals/{goal_id}", status_code=204, response_class=Response, summary="Delete a goal and its roadmap")
async def delete_goal(
    goal_id: str,
    request: Request,
    delete_todos: bool = Query(False, description="Also delete the goal's todos (by default they are kept, unlinked)."),
) -> Response:
    await calls_of(request).write(lambda s: s.delete_goal(goal_id, delete_todos=delete_todos))
    return Response(status_code=204)


@router.patch(
    "/goals/{goal_id}/roadmap/nodes/{node_id}",
    response_model=schemas.NodeCheckOut,
    summary="Check off (or reopen) a roadmap milestone",
    tags=["roadmap"],
)
async def update_node(goal_id: str, node_id: str, request: Request, body: schemas.NodeUpdate | None = Body(None)) -> Answer:
    completed = True if body is None else body.checked()
    answer = await calls_of(request).write(lambda s: shapes.node_check_answer(s.update_node(goal_id, node_id, completed=completed)))
    return Answer(answer)
