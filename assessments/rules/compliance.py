"""The design-compliance matrix: each design value against every applicable limit.

Rule: the stricter of the host country's and the international (IFC EHS) value governs; where
the host country has no comparable value, the international one governs, and failing that
China's national standard. Limits in another unit basis or averaging period are listed as not
comparable and never converted silently (see ``knowledge.comparison``).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from knowledge.comparison import Converted, convert, normalise_averaging, reference_oxygen
from knowledge.selectors import limit_list_public


@dataclass
class LimitCell:
    limit: object
    source: str  # "host", "ifc", "china"
    converted: Converted


@dataclass
class MatrixRow:
    design: object
    cells: list = field(default_factory=list)
    governing: LimitCell | None = None
    governing_rule: str = ""
    verdict: str = ""  # "pass", "fail", "no_limit"


def _strictest(cells: list[LimitCell]) -> LimitCell | None:
    usable = [c for c in cells if c.converted.comparable and c.converted.value is not None]
    return min(usable, key=lambda c: c.converted.value) if usable else None


def _applicable(limits, sector: str):
    """Prefer limits written for the project's sector; otherwise every limit of that medium."""
    limits = list(limits)
    own = [lim for lim in limits if lim.sector_id == sector]
    return own or [lim for lim in limits if lim.sector_id is None]


def compliance_matrix(project) -> list[MatrixRow]:
    host = project.host_country.iso2 if project.host_country else ""
    rows = []
    for design in project.design_values.all():
        base = limit_list_public().filter(parameter__iexact=design.parameter, medium=design.medium)
        averaging = normalise_averaging(design.averaging) if design.averaging else None
        o2 = reference_oxygen(design.conditions)
        row = MatrixRow(design=design)
        for source, jurisdiction in (("host", host), ("ifc", "IFC"), ("china", "CN")):
            if not jurisdiction:
                continue
            for lim in _applicable(base.filter(instrument__jurisdiction=jurisdiction), project.sector):
                row.cells.append(
                    LimitCell(
                        limit=lim,
                        source=source,
                        converted=convert(lim, to_unit=design.unit, averaging=averaging, o2_ref=o2),
                    )
                )
        host_best = _strictest([c for c in row.cells if c.source == "host"])
        ifc_best = _strictest([c for c in row.cells if c.source == "ifc"])
        china_best = _strictest([c for c in row.cells if c.source == "china"])
        if host_best and ifc_best:
            row.governing = host_best if host_best.converted.value <= ifc_best.converted.value else ifc_best
            row.governing_rule = _("the stricter of the host-country and the international value")
        elif host_best:
            row.governing, row.governing_rule = (
                host_best,
                _("the host-country value (no comparable international value)"),
            )
        elif ifc_best:
            row.governing, row.governing_rule = (
                ifc_best,
                _("the international value (no comparable host-country value)"),
            )
        elif china_best:
            row.governing, row.governing_rule = (
                china_best,
                _("China's national standard (no comparable host or international value)"),
            )
        if row.governing is None:
            # Ranges (pH): the host range governs, else the international, else China's.
            for source in ("host", "ifc", "china"):
                ranged = [
                    c
                    for c in row.cells
                    if c.source == source
                    and c.converted.comparable
                    and c.converted.value_min is not None
                    and c.converted.value_max is not None
                ]
                if ranged:
                    row.governing = max(ranged, key=lambda c: c.converted.value_min)
                    row.governing_rule = _("the %(source)s range") % {"source": source}
                    break
        if row.governing is None:
            row.verdict = "no_limit"
        elif row.governing.converted.value is None:
            c = row.governing.converted
            row.verdict = "pass" if c.value_min <= Decimal(design.value) <= c.value_max else "fail"
        else:
            row.verdict = "pass" if Decimal(design.value) <= row.governing.converted.value else "fail"
        rows.append(row)
    return rows
