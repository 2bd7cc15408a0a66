"""Hot statements with less machinery: a Core statement compiled once per dialect, run on the
unit of work's DBAPI connection.

SQLAlchemy's `Connection.execute` costs 15-25 µs of Python per statement (an execution context,
a result object, parameters built and converted), several times what SQLite needs to run a
keyed statement, and a check-off runs six. A Prepared keeps what SQLAlchemy works out for a
statement once — the SQL string its compiler writes for this dialect, the order of the
parameters, the type conversions for parameters and results — so each call is one DBAPI execute
plus those conversions. The statement is still the one Core definition, compiled by SQLAlchemy
for each dialect: SQLite and PostgreSQL run the same query, with the same types, as through
`Connection.execute`. It shares the connection's transaction; driver errors reach the unit's
owner (Database._transaction) as they would from SQLAlchemy, unwrapped.

Only plain statements qualify (bound parameters given by the caller or fixed in the statement;
no expanding IN lists, callables or implicit RETURNING): anything else is refused when first
prepared, so a test catches it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.dml import UpdateBase, ValuesBase


class Prepared:
    """One statement as compiled for one dialect (see the module docstring)."""

    __slots__ = ("_convert", "_dialect", "_types", "args", "sql")

    def __init__(self, statement: sa.Executable, dialect: Dialect, column_keys: Sequence[str] | None) -> None:
        compiled = statement.compile(dialect=dialect, column_keys=list(column_keys) if column_keys is not None else None)
        refused = (
            compiled.post_compile_params
            or compiled.literal_execute_params
            or compiled.escaped_bind_names
            or any(bind.callable is not None or bind.expanding for bind in compiled.binds.values())
        )
        # The result's columns: a SELECT's, or the RETURNING asked for (none implied by the dialect).
        exported = list(statement.exported_columns)
        if isinstance(statement, UpdateBase):
            refused = refused or len(compiled.effective_returning or ()) != len(exported)
        if refused:
            raise ValueError(f"Not a plain statement, run it with Connection.execute: {compiled.string[:200]!r}")
        self.sql: str = compiled.string
        self._dialect = dialect
        self._types = [column.type for column in exported]
        self._convert: Callable[[list], list] | None = None

        names = list(compiled.positiontup) if compiled.positional else list(dict.fromkeys(compiled.bind_names.values()))
        binds = {name: bind for bind, name in compiled.bind_names.items()}
        # Values written into the statement itself (todos.kind == "milestone"); a call's own win.
        fixed = {name: bind.value for name, bind in binds.items() if not bind.required}
        processors = {name: binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names}
        items = tuple((name, processors[name]) for name in names)

        if compiled.positional:

            def args(params: Mapping[str, Any]) -> tuple:
                if fixed:
                    params = {**fixed, **params}
                return tuple([params[name] if convert is None else convert(params[name]) for name, convert in items])

        else:

            def args(params: Mapping[str, Any]) -> dict:  # type: ignore[misc]
                if fixed:
                    params = {**fixed, **params}
                return {name: params[name] if convert is None else convert(params[name]) for name, convert in items}

        #: The DBAPI parameters for a call's {name: value}.
        self.args = args

    def rows(self, cursor: Any) -> list[Sequence]:
        """The cursor's rows (tuples, or lists where values were converted) with SQLAlchemy's
        result conversions for these columns."""
        fetched = cursor.fetchall()
        if self._convert is None:
            # Some conversions depend on the driver's type codes (PostgreSQL floats): known from
            # the first result, the same for every later one of this statement.
            codes = [column[1] for column in cursor.description or ()]
            processors = [
                kind.dialect_impl(self._dialect).result_processor(self._dialect, code) for kind, code in zip(self._types, codes)
            ]
            active = tuple((i, p) for i, p in enumerate(processors) if p is not None)
            if not active:
                self._convert = list
            else:

                def convert(rows: list) -> list:
                    converted = []
                    for row in rows:
                        row = list(row)
                        for i, process in active:
                            row[i] = process(row[i])
                        converted.append(row)
                    return converted

                self._convert = convert
        return self._convert(fetched)


# Compiled statements per dialect object (an engine's): the SQL depends on the dialect's settings.
_CACHE: weakref.WeakKeyDictionary[Dialect, dict[Any, Prepared]] = weakref.WeakKeyDictionary()


def plans_for(dialect: Dialect) -> dict[Any, Prepared]:
    """The statements prepared so far for this dialect (see `prepared`)."""
    try:
        return _CACHE[dialect]
    except KeyError:
        plans = _CACHE[dialect] = {}
        return plans


def prepared(plans: dict[Any, Prepared], dialect: Dialect, statement: sa.Executable, params: Mapping[str, Any]) -> Prepared:
    """The Prepared for this statement on this dialect (an INSERT or UPDATE per set of columns given)."""
    key = (statement, tuple(params)) if isinstance(statement, ValuesBase) else statement
    found = plans.get(key)
    if found is None:
        found = plans[key] = Prepared(statement, dialect, key[1] if isinstance(key, tuple) else None)
    return found
