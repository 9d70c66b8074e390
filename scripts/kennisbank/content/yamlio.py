"""YAML reading with PyYAML's C loader, keeping dates as the text the contributor wrote.

PyYAML turns ``2024-03-01`` into a ``datetime.date``. Entries, exports and the JSON
Schemas all treat dates as ISO 8601 strings, so the timestamp constructor here returns
the scalar text unchanged and the schema checks its format.
"""

from __future__ import annotations

import yaml

try:  # libyaml is part of the PyYAML wheels; the fallback only serves odd platforms.
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader  # type: ignore[misc,assignment]


class Loader(_Base):
    """Safe YAML loader (C implementation) that leaves timestamps as strings."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)


Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def dump(data: object) -> str:
    """Serialise ``data`` as block-style YAML with keys in insertion order and Unicode kept."""
    return yaml.dump(
        data,
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1000,
    )
