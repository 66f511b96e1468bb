"""study.yml parsing: libyaml's fast parser and PyYAML's give the same document, lines and messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from alsreport.study.example import example_study_path
from alsreport.study.reading import ReadError, YamlDocument, read_yaml
from alsreport.study.reading import yaml_file

needs_libyaml = pytest.mark.skipif(yaml_file._FastLoader is None, reason="PyYAML built without libyaml")


def _both(text: str) -> tuple[YamlDocument, YamlDocument]:
    assert yaml_file._FastLoader is not None
    return (YamlDocument(*yaml_file._parse(text, yaml_file._FastLoader)),
            YamlDocument(*yaml_file._parse(text, yaml_file._UniqueKeyLoader)))


@needs_libyaml
def test_fast_and_pure_parsers_agree_on_the_example() -> None:
    text = (Path(example_study_path()) / "study.yml").read_text(encoding="utf-8")
    fast, pure = _both(text)
    assert fast.data == pure.data
    locs = [("analytes", i, key) for i in range(len(pure.data["analytes"])) for key in ("name", "family")]
    locs += [("visits", i, "code") for i in range(len(pure.data["visits"]))]
    locs += [("analysis", "primary", "compartment"), ("title",), ("no such key",), ("visits", 99)]
    assert [fast.line(loc) for loc in locs] == [pure.line(loc) for loc in locs]


@needs_libyaml
def test_impossible_dates_stay_text_with_both_parsers() -> None:
    fast, pure = _both("cutoff: 2025-02-30\nstart: 2024-01-31\n")
    assert fast.data == pure.data == {"cutoff": "2025-02-30", "start": dt.date(2024, 1, 31)}


@pytest.mark.parametrize(("text", "message"), [
    ("title: a\nvisits: []\ntitle: b\n", "key 'title' appears twice (lines 1 and 3); keep one"),
    ("a: [1, 2\n", "not valid YAML: "),
])
def test_refused_documents_get_pure_pythons_message(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "study.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_yaml(path)
    with pytest.raises(yaml.MarkedYAMLError) as pure:
        yaml_file._parse(text, yaml_file._UniqueKeyLoader)
    assert info.value.message == yaml_file._yaml_error(pure.value, "study.yml").message
    assert info.value.message.startswith(message)
