"""The readable difference between two frozen submission versions (pure: snapshots in, rows out).

A snapshot is a dict of sections; a section is either a mapping (project fields, answers, site,
screening) compared key by key, or a list of items with a ``key`` (risks, measures, design
values, compliance rows, documents) compared item by item and, within an item, field by field.
"""

from dataclasses import dataclass, field

# Sections whose items are compared by identity, and the key that identifies an item.
LIST_SECTIONS = ("risks", "measures", "design_values", "compliance", "documents")
MAP_SECTIONS = ("project", "answers", "site", "screening")


@dataclass
class Change:
    kind: str  # "changed", "added", "removed"
    item: str  # the field name, or the item's label
    before: object = None
    after: object = None
    fields: list = field(default_factory=list)  # for a changed list item: [Change]


@dataclass
class SectionDiff:
    section: str
    changes: list[Change]


def _map_changes(old: dict | None, new: dict | None) -> list[Change]:
    old, new = old or {}, new or {}
    changes = []
    for key in sorted(set(old) | set(new)):
        if key not in old:
            changes.append(Change("added", key, None, new[key]))
        elif key not in new:
            changes.append(Change("removed", key, old[key], None))
        elif old[key] != new[key]:
            changes.append(Change("changed", key, old[key], new[key]))
    return changes


def _label(item: dict) -> str:
    return str(item.get("label") or item.get("title") or item.get("key"))


def _list_changes(old: list | None, new: list | None) -> list[Change]:
    before = {str(i["key"]): i for i in old or []}
    after = {str(i["key"]): i for i in new or []}
    changes = []
    for key in list(before) + [k for k in after if k not in before]:
        if key not in after:
            changes.append(Change("removed", _label(before[key]), before[key], None))
        elif key not in before:
            changes.append(Change("added", _label(after[key]), None, after[key]))
        else:
            fields = [c for c in _map_changes(before[key], after[key]) if c.item not in ("key", "label")]
            if fields:
                changes.append(Change("changed", _label(after[key]), fields=fields))
    return changes


def diff_snapshots(old: dict, new: dict) -> list[SectionDiff]:
    """What changed from ``old`` to ``new``, section by section (sections without change left out)."""
    result = []
    for section in MAP_SECTIONS:
        changes = _map_changes(old.get(section), new.get(section))
        if changes:
            result.append(SectionDiff(section, changes))
    for section in LIST_SECTIONS:
        changes = _list_changes(old.get(section), new.get(section))
        if changes:
            result.append(SectionDiff(section, changes))
    return result
