"""``study.yml``: parsed YAML that remembers the line of every key, refusing a key given twice."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from alsreport.study.limits import yaml_depth_problem
from alsreport.study.reading.files import SAVE_AS_YAML, ReadError, decode_check, is_blank, read_bytes

__all__ = ["CONFIG_FILE", "YamlDocument", "read_yaml"]

CONFIG_FILE = "study.yml"


@dataclass(frozen=True)
class YamlDocument:
    """Parsed YAML plus its node tree, to find the line of any key."""

    data: Any
    root: yaml.Node | None

    def line(self, loc: tuple[str | int, ...]) -> int | None:
        """1-based line of the value at ``loc`` (or of the deepest existing parent)."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for part in loc:
            child = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                child = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
                key = next((k for k, _ in node.value if getattr(k, "value", None) == part), None)
                if key is not None:
                    line = key.start_mark.line + 1
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                child = node.value[part]
                line = child.start_mark.line + 1
            if child is None:
                break
            node = child
        return line


class _UniqueKeys:
    """Refuses a key given twice in one mapping (mixed into a YAML loader)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
            line = key_node.start_mark.line + 1
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice (lines {seen[key]} and {line}); keep one",
                    key_node.start_mark,
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        """A date-like scalar that is no calendar date (``2025-02-30``) stays text, so that the
        schema check reports it at its key and line instead of the YAML parser raising."""
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[misc]
        except ValueError:
            return self.construct_scalar(node)  # type: ignore[attr-defined]


class _UniqueKeyLoader(_UniqueKeys, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader: its error messages are the ones shown to people."""


#: libyaml's parser when PyYAML was built with it: about 10x faster on a long study.yml. A document
#: it refuses is parsed again by :class:`_UniqueKeyLoader`, so every error message stays the same.
_FastLoader: type | None = (type("_FastLoader", (_UniqueKeys, yaml.CSafeLoader), {})
                            if getattr(yaml, "__with_libyaml__", False) else None)

for _loader in (_UniqueKeyLoader, _FastLoader):
    if _loader is not None:
        _loader.add_constructor("tag:yaml.org,2002:timestamp", _UniqueKeys.construct_yaml_timestamp)


def _parse(text: str, loader_class: type) -> tuple[Any, yaml.Node | None]:
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        return (loader.construct_document(root) if root is not None else None), root
    finally:
        loader.dispose()


def read_yaml(path: Path, file: str = CONFIG_FILE) -> tuple[YamlDocument, bytes]:
    """Parse a YAML file into a :class:`YamlDocument`; raise ReadError if it is not valid YAML."""
    raw = read_bytes(path, file)
    decode_check(raw, file, SAVE_AS_YAML)
    if is_blank(raw):
        raise ReadError(file, "the file is empty; it needs at least the keys title, visits and analytes")
    text = raw.decode("utf-8-sig")
    deep = yaml_depth_problem(text)
    if deep is not None:
        raise ReadError(file, deep[1], row=deep[0])
    try:
        if _FastLoader is None:
            raise yaml.YAMLError("libyaml is not available")
        data, root = _parse(text, _FastLoader)
    except yaml.YAMLError:
        try:
            data, root = _parse(text, _UniqueKeyLoader)
        except yaml.MarkedYAMLError as exc:
            raise _yaml_error(exc, file) from None
        except yaml.reader.ReaderError as exc:
            line = text.count("\n", 0, exc.position) + 1
            code = exc.character if isinstance(exc.character, int) else ord(exc.character)
            raise ReadError(file, f"not valid YAML: the control character U+{code:04X} is not allowed in a YAML "
                            f"file; remove it ({SAVE_AS_YAML})", row=line) from None
        except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
            raise ReadError(file, f"not valid YAML: {exc}") from None
    if data is None:
        raise ReadError(file, "the file holds no keys; it needs at least the keys title, visits and analytes")
    return YamlDocument(data, root), raw


def _yaml_error(exc: yaml.MarkedYAMLError, file: str) -> ReadError:
    mark = exc.problem_mark or exc.context_mark
    row = mark.line + 1 if mark is not None else None
    problem = exc.problem or exc.context or "invalid syntax"
    if isinstance(exc, yaml.constructor.ConstructorError):
        return ReadError(file, problem, row=row)
    where = f", column {mark.column + 1}" if mark is not None else ""
    context = ""
    if exc.context and exc.problem and exc.context_mark is not None:
        context = f" ({exc.context} that started at line {exc.context_mark.line + 1})"
    hint = ""
    if "\\t" in problem or "tab" in problem:
        hint = "; indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "; put quotes around text that contains ': '"
    elif "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        hint = "; a list [...] or mapping {...} is not closed"
    return ReadError(file, f"not valid YAML: {problem}{where}{context}{hint}", row=row)

