"""Which CSV column or JSON key holds which article field (`ingest --map`).

    FieldMap.parse("text=body,published=date,outlet=source")

A field not mapped is read from the column of its own name, so the default
mapping is no mapping at all.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import ClaimledgerError

FIELDS = ("id", "url", "outlet", "published", "title", "text")


@dataclass(frozen=True)
class FieldMap:
    columns: dict[str, str] = field(default_factory=dict)  # article field -> column

    @classmethod
    def parse(cls, spec: str | None) -> FieldMap:
        """``field=column`` pairs separated by commas; a one-line error names a bad pair."""
        columns: dict[str, str] = {}
        for pair in (spec or "").split(","):
            if not pair.strip():
                continue
            name, sep, column = (part.strip() for part in pair.partition("="))
            if not sep or not name or not column:
                raise ClaimledgerError(f"--map: {pair.strip()!r} is not FIELD=COLUMN; "
                                       "write e.g. --map text=body,published=date")
            if name not in FIELDS:
                raise ClaimledgerError(f"--map: unknown article field {name!r}; "
                                       f"the fields are {', '.join(FIELDS)}")
            columns[name] = column
        return cls(columns)

    def column(self, name: str) -> str:
        """The column that holds article field ``name``."""
        return self.columns.get(name, name)

    def apply(self, record: dict) -> dict:
        """A record keyed by article field, read from the mapped columns."""
        return {name: record.get(self.column(name)) for name in FIELDS}


NO_MAP = FieldMap()
