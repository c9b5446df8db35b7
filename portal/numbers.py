"""Numbers written into text without scientific notation (``Decimal.normalize()`` prints 6.6E+2)."""

from decimal import Decimal, InvalidOperation


def to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


def plain(value) -> str:
    """A number without scientific notation or trailing zeros, locale-independent: '660'."""
    d = to_decimal(value)
    if d is None:
        return ""
    text = f"{d.normalize():f}"
    return "0" if text == "-0" else text
