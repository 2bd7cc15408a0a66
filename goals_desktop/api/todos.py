"""Todo routes, mirroring `goals-desktop todos ...` and `goals todo`; the rules (subtask numbers,
a milestone link needing its goal) are the domain's, shared with the CLI."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from goals_desktop.api import schemas
from goals_desktop.api.errors import WITH_NOT_FOUND
from goals_desktop.api.shapes import Answer
from goals_desktop.api.goals import PREFIX, calls_of
from goals_desktop.api.openapi import StrictQueryRoute
from goals_desktop.domain.errors import ValidationError
from goals_desktop.domain.todos import subtask_reference
from goals_desktop.storage import UNSET

TODO_FIELDS = ("title", "notes", "due_date", "goal_id", "node_id")

router = APIRouter(prefix=PREFIX, tags=["todos"], responses=WITH_NOT_FOUND, route_class=StrictQueryRoute)


@router.post(
    "/goals/{goal_id}/todos",
    response_model=schemas.TodoOut,
    summary="Send the roadmap to one todo (a subtask per milestone); again: updates that todo",
)
async def todos_from_roadmap(goal_id: str, request: Request) -> Answer:
    return Answer(await calls_of(request).write(lambda s: s.todos_from_roadmap(goal_id).to_dict()))


@router.post(
    "/goals/{goal_id}/roadmap/nodes/{node_id}/todo",
    response_model=schemas.TodoOut,
    summary="Make a todo from one milestone (its steps become subtasks); again: updates that todo",
)
async def todo_from_node(goal_id: str, node_id: str, request: Request) -> Answer:
    return Answer(await calls_of(request).write(lambda s: s.todo_from_node(goal_id, node_id).to_dict()))


@router.get("/todos", response_model=list[schemas.TodoOut], summary="List todos with their subtasks")
async def list_todos(
    request: Request,
    goal_id: str | None = Query(None, description="Only todos linked to this goal."),
    completed: bool | None = Query(None, description="true: only done todos; false: only open ones."),
) -> Answer:
    return Answer(await calls_of(request).read(lambda s: [t.to_dict() for t in s.list_todos(goal_id=goal_id, completed=completed)]))


@router.post("/todos", status_code=201, response_model=schemas.TodoOut, summary="Create a todo")
async def create_todo(body: schemas.TodoCreate, request: Request) -> Answer:
    def create(s):
        return s.create_todo(
            body.title, notes=body.notes, due_date=body.due_date, goal_id=body.goal_id, node_id=body.node_id, subtasks=body.subtasks
        ).to_dict()

    return Answer(await calls_of(request).write(create), status_code=201)


@router.get("/todos/{todo_id}", response_model=schemas.TodoOut, summary="Get a todo")
async def get_todo(todo_id: str, request: Request) -> Answer:
    return Answer(await calls_of(request).read(lambda s: s.get_todo(todo_id).to_dict()))


@router.patch("/todos/{todo_id}", response_model=schemas.TodoOut, summary="Change a todo's fields or links, or check it off / reopen it")
async def update_todo(todo_id: str, body: schemas.TodoUpdate, request: Request) -> Answer:
    given = body.model_fields_set
    if not given:
        raise ValidationError("Nothing to update; give title, notes, due_date, goal_id, node_id or completed.")
    if "completed" in given:
        if len(given) > 1:
            # Each request is one transaction: completion has its own service call.
            raise ValidationError("Send 'completed' on its own, not together with other fields.")
        return Answer(await calls_of(request).write(lambda s: s.set_todo_completed(todo_id, body.completed).to_dict()))
    changes = {name: getattr(body, name) if name in given else UNSET for name in TODO_FIELDS}
    return Answer(await calls_of(request).write(lambda s: s.update_todo(todo_id, **changes).to_dict()))


@router.patch(
    "/todos/{todo_id}/subtasks/{subtask}",
    response_model=schemas.TodoOut,
    summary="Check off, reopen or rename a subtask (by number, 1 = first, or id)",
)
async def update_subtask(todo_id: str, subtask: str, body: schemas.SubtaskUpdate, request: Request) -> Answer:
    given = body.model_fields_set
    key = subtask_reference(subtask)
    if given == {"completed"}:
        return Answer(await calls_of(request).write(lambda s: s.set_subtask_completed(todo_id, key, body.completed).to_dict()))
    if given == {"title"}:
        return Answer(await calls_of(request).write(lambda s: s.rename_subtask(todo_id, key, body.title).to_dict()))
    if not given:
        raise ValidationError("Nothing to update; give completed or title.")
    raise ValidationError("Send 'completed' or 'title', not both.")


@router.delete("/todos/{todo_id}", status_code=204, response_class=Response, summary="Delete a todo and its subtasks")
async def delete_todo(todo_id: str, request: Request) -> Response:
    await calls_of(request).write(lambda s: s.delete_todo(todo_id))
    return Response(status_code=204)
