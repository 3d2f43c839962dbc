"""A questionnaire model as plain data, to compare two loads of the same instrument."""

import dataclasses

from desktop.domain.expression import Expression


def plain(obj):
    """Dataclasses, tuples and dicts as plain data; an expression as its source text."""
    if isinstance(obj, Expression):
        return obj.source
    if dataclasses.is_dataclass(obj):
        return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                if f.name not in ("sha256", "source_text")}
    if isinstance(obj, (list, tuple)):
        return [plain(item) for item in obj]
    if isinstance(obj, dict):
        return {key: plain(value) for key, value in obj.items()}
    return obj
