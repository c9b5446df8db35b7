"""JSON parsing that refuses, with a 400, what Python's parser would turn into a 500."""

import json

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 64  # a project payload is four levels deep; GeoJSON polygons five


def _depth_ok(text: str) -> bool:
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


class StrictJSONParser(JSONParser):
    """DRF's JSON parser with a nesting cap (deep nesting exhausts the recursion limit) and no
    NaN or Infinity (not JSON; they reach number fields as non-numbers)."""

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError("The request body is not UTF-8.") from exc
        if not _depth_ok(text):
            raise ParseError(f"JSON nested deeper than {MAX_DEPTH} levels is refused.")

        def refuse_constant(name):
            raise ParseError(f"{name} is not a JSON number.")

        try:
            return json.loads(text, parse_constant=refuse_constant)
        except RecursionError as exc:
            raise ParseError(f"JSON nested deeper than {MAX_DEPTH} levels is refused.") from exc
        except ValueError as exc:
            raise ParseError(f"JSON parse error: {exc}") from exc
