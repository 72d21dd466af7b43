"""Column groups and table steps the clinic's Alembic revisions share.

A released revision must keep producing the same schema, so these helpers only spell what the
revisions used to write out by hand: the same columns in the same order, the same constraint and
index names (``op.f`` over the naming rules of :data:`vision.clinic.models.NAMING`). Never change
what an existing helper makes: every released revision calls it; a new need gets a new helper.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

_TYPES: dict[str, type[sa.types.TypeEngine]] = {
    "int": sa.Integer,
    "float": sa.Float,
    "bool": sa.Boolean,
    "text": sa.Text,
    "time": sa.DateTime,
    "blob": sa.LargeBinary,
}


def columns(spec: str) -> list[sa.Column]:
    """The columns that ``spec`` names, in order.

    ``spec`` is white-space separated words ``name:type``; a ``?`` after the type makes the column
    nullable (else NOT NULL). Types: ``int``, ``float``, ``bool``, ``text``, ``time`` (naive UTC
    ``DateTime``, see ``models.UTCDateTime``), ``blob`` and ``strN`` for ``String(length=N)``.
    """
    made = []
    for word in spec.split():
        name, kind = word.split(":")
        base = kind.rstrip("?")
        type_ = sa.String(length=int(base[3:])) if base.startswith("str") else _TYPES[base]()
        made.append(sa.Column(name, type_, nullable=kind.endswith("?")))
    return made


def cascade_fk(table: str, column: str, parent: str) -> sa.ForeignKeyConstraint:
    """``table.column`` refers to ``parent.id``; deleting the parent row deletes this one."""
    return sa.ForeignKeyConstraint(
        [column], [f"{parent}.id"], name=op.f(f"fk_{table}_{column}_{parent}"), ondelete="CASCADE"
    )


def primary_key(table: str, *names: str) -> sa.PrimaryKeyConstraint:
    """The primary key of ``table`` over ``names`` (default ``id``)."""
    return sa.PrimaryKeyConstraint(*(names or ("id",)), name=op.f(f"pk_{table}"))


def unique(table: str, *names: str) -> sa.UniqueConstraint:
    """A unique constraint over ``names``, named after the first of them."""
    return sa.UniqueConstraint(*names, name=op.f(f"uq_{table}_{names[0]}"))


def create_table(name: str, *parts: sa.schema.SchemaItem, indexed: Sequence[str] = ()) -> None:
    """Create table ``name`` from ``parts``, then a non-unique index on each column of ``indexed``."""
    op.create_table(name, *parts)
    if indexed:
        with op.batch_alter_table(name, schema=None) as batch_op:
            for column in indexed:
                batch_op.create_index(batch_op.f(f"ix_{name}_{column}"), [column], unique=False)


def drop_table(name: str, *, indexed: Sequence[str] = ()) -> None:
    """Undo :func:`create_table`: drop the indexes (last made first), then the table."""
    if indexed:
        with op.batch_alter_table(name, schema=None) as batch_op:
            for column in reversed(indexed):
                batch_op.drop_index(batch_op.f(f"ix_{name}_{column}"))
    op.drop_table(name)


def child_table(
    name: str,
    spec: str,
    *extra: sa.schema.SchemaItem,
    parent: tuple[str, str] = ("walk_sessions", "session_id"),
    key: Sequence[str] = ("id",),
    indexed: Sequence[str] = (),
) -> None:
    """Create a table whose rows belong to a row of another: the columns of ``spec``, a foreign key
    ``parent`` = (table, column of ``spec``) that cascades with that row, primary key ``key``, then
    ``extra``."""
    create_table(
        name,
        *columns(spec),
        cascade_fk(name, parent[1], parent[0]),
        primary_key(name, *key),
        *extra,
        indexed=indexed,
    )
