"""Reading YAML: what the event loader builds, and the hostile files it refuses (issue 9) with file and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerfit.errors import ValidationError
from partnerfit.yamlio import (
    MAX_ASSESSMENT_BYTES,
    MAX_DEPTH,
    MIB,
    decode_text,
    dump_yaml,
    parse_yaml,
    read_text_file,
    read_yaml,
)


def refusal(text: str) -> str:
    with pytest.raises(ValidationError) as caught:
        parse_yaml(text, "sent.yaml")
    return str(caught.value)


def alias_bomb(k: int) -> str:
    """~600 bytes for k=9: each anchor is a list of nine aliases of the previous one (9**k values)."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, k + 1)]
    return "\n".join(lines) + f"\nanswers:\n  licence-fit:\n    level: *a{k}\n"


def nested(depth: int) -> str:
    return "assessors: " + "[" * depth + "]" * depth + "\n"


# -- what it builds ------------------------------------------------------------------------------------------


def test_every_shipped_file_reads_as_libyaml_reads_it():
    files = [*sorted((ROOT / "frameworks").rglob("*.yaml")), *sorted((ROOT / "assessments").rglob("*.yaml"))]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert parse_yaml(text, path) == yaml.load(text, Loader=yaml.CSafeLoader), path


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.dates()
    | st.sampled_from(["yes", "no", "on", "~", "null", "1_000", "0x1F", "1e3", ".inf", "2024-01-02", "<<x"])
)
DATA = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(DATA)
def test_what_is_dumped_reads_back_the_same(data):
    assert parse_yaml(dump_yaml(data)) == data


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab1:- []{},\n'\"#?.|>~", max_size=30))
def test_any_text_reads_as_libyaml_reads_it_or_is_refused_for_a_stated_reason(text):
    try:
        expected, libyaml_reads_it = yaml.load(text, Loader=yaml.CSafeLoader), True  # noqa: S506
    except yaml.YAMLError:
        expected, libyaml_reads_it = None, False
    try:
        assert parse_yaml(text) == expected
        assert libyaml_reads_it
    except ValidationError as error:
        assert not libyaml_reads_it or "duplicate key" in str(error), str(error)


def test_an_empty_file_is_none_and_a_second_document_is_refused():
    assert parse_yaml("") is None
    assert "expected a single document" in refusal("a: 1\n---\nb: 2\n")


def test_a_key_given_twice_is_refused_with_both_lines():
    assert "sent.yaml: line 3: duplicate key 'a' (first given on line 1): give each key once" in refusal(
        "a: 1\nb: 2\na: 3\n"
    )


@pytest.mark.parametrize("text", ["a: !!python/object/apply:os.system [ls]\n", "a: !custom {x: 1}\n"])
def test_tags_that_would_build_objects_are_refused(text):
    assert "tags are not allowed" in refusal(text)


def test_an_impossible_date_is_a_problem_with_its_line():
    assert "sent.yaml: line 2: cannot read '2024-13-45'" in refusal("a: 1\nb: 2024-13-45\n")


# -- hostile files -------------------------------------------------------------------------------------------


def test_40000_levels_of_nesting_are_refused_without_crashing_the_process():
    """In a child process: before the fix libyaml's composer recursed until a segmentation fault (exit 139)."""
    code = (
        "from partnerfit.yamlio import parse_yaml\nfrom partnerfit.errors import ValidationError\n"
        f"try:\n    parse_yaml({nested(40_000)!r}, 'deep.yaml')\n"
        "except ValidationError as error:\n    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (
        result.stdout.strip()
        == f"deep.yaml: line 1: nested deeper than {MAX_DEPTH} levels: partnerfit files never need that many"
    )


@pytest.mark.parametrize(
    "text",
    [
        "a:\n" + "- " * 40_000 + "x\n",  # block sequences in one line
        "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 30)) + "  " * 30 + "c: 1\n",  # indentation
    ],
)
def test_deep_block_nesting_is_refused(text):
    assert f"nested deeper than {MAX_DEPTH} levels" in refusal(text)


def test_the_depth_limit_is_exact():
    assert parse_yaml("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1))["a"] is not None
    assert "nested deeper" in refusal("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH)


@pytest.mark.parametrize("k", [1, 7, 9])
def test_an_alias_bomb_is_refused_at_its_first_alias_with_a_short_message(k):
    text = alias_bomb(k)
    assert len(text) < 700
    message = refusal(text)
    assert message.startswith("sent.yaml: line 1: anchors and aliases ('&name', '*name') are not allowed")
    assert len(message) < 200


@pytest.mark.parametrize("text", ["a: &x 1\n", "a: &x {b: 1}\n", "a: &x [1]\n", "a: 1\nb: *x\n"])
def test_any_anchor_or_alias_is_refused(text):
    assert "anchors and aliases" in refusal(text)


def test_merge_keys_are_refused():
    assert "merge keys ('<<') are not allowed" in refusal("<<: {a: 1}\nb: 2\n")


def test_a_file_larger_than_its_limit_is_refused_unread(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * MAX_ASSESSMENT_BYTES)
    with pytest.raises(ValidationError) as caught:
        read_text_file(path, max_bytes=MAX_ASSESSMENT_BYTES)
    assert str(caught.value) == (
        f"{path}: (whole file): the file is 1,048,581 bytes, larger than the 1 MiB allowed for this kind of file; "
        "it was not read"
    )
    path.write_bytes(b"a: 1\n" + b"#" * (MAX_ASSESSMENT_BYTES - 5))
    assert read_text_file(path, max_bytes=MAX_ASSESSMENT_BYTES).startswith("a: 1")


def test_bytes_over_the_limit_are_refused_before_decoding():
    with pytest.raises(ValidationError, match="larger than the 1 MiB allowed"):
        decode_text(b"\xff" * (MIB + 1), "sent.yaml", max_bytes=MIB)
    with pytest.raises(ValidationError, match="not UTF-8"):
        decode_text(b"\xff", "sent.yaml", max_bytes=MIB)


def test_an_unreadable_path_is_a_problem_not_a_crash(tmp_path):
    with pytest.raises(ValidationError, match="cannot read file"):
        read_text_file(Path(tmp_path / "missing.yaml"), max_bytes=MIB)


def test_read_yaml_reads_a_file_within_its_limit_and_refuses_a_larger_one(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("a: [1, 2]\n", encoding="utf-8")
    assert read_yaml(path) == {"a": [1, 2]}
    with pytest.raises(ValidationError, match="larger than the 4 bytes allowed"):
        read_yaml(path, max_bytes=4)


def test_a_value_used_twice_is_written_out_twice_not_as_an_alias_the_reader_refuses():
    import datetime as dt

    from partnerfit.yamlio import dump_yaml, parse_yaml

    day = dt.date(2024, 3, 12)
    text = dump_yaml({"updated": day, "team": {"consensus": {"x": {"date": day}}}})
    assert "&" not in text and "*" not in text
    assert parse_yaml(text, None)["team"]["consensus"]["x"]["date"] == day
