"""Client lists: per-row problems with positions, language fallback, refused locations."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_helpers import copy_tiny

from generator.errors import UsageError
from generator.pdf.clients import client_language, read_clients


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_bad_rows_get_positioned_messages_and_good_rows_stay(tmp_path):
    path = write(tmp_path / "clients.csv", (
        "id,name,language,organisation,address\n"
        "c1,Anna,en,Org,\"Street 1\nCity\"\n"      # lines 2-3 (quoted newline)
        "c2,,zh,,\n"                               # line 4: empty name
        "c3,Bad,english!,,\n"                      # line 5: not a language code
        "c1,Again,en,,\n"                          # line 6: duplicate id
        "c 4,Space,en,,\n"                         # line 7: bad id
        "c5,Too,many,fields,,,\n"                  # line 8
        "\n"
        "c6,王伟,zh,,\n"
    ))
    entries, problems = read_clients(path, tmp_path / "project")
    assert [(line, c.id) for line, c in entries] == [(2, "c1"), (10, "c6")]
    name = path.as_posix()
    assert [str(p) for p in problems] == [
        f"{name}:4:2: name: is empty: every client needs an id, a name and a language",
        f"{name}:5:3: language: not a language code: use a code such as zh, en, ko, ja or pt-BR",
        f"{name}:6:1: id: client 'c1' is already on line 2",
        f"{name}:7:1: id: not an id: use letters, digits, '-', '_' or '.', no spaces",
        f"{name}:8:1: this row has 7 fields, the header 5: quote values that contain commas",
    ]


def test_csv_header_problems_are_usage_errors(tmp_path):
    with pytest.raises(UsageError, match="missing column"):
        read_clients(write(tmp_path / "a.csv", "id,name\nc1,A\n"), tmp_path)
    with pytest.raises(UsageError, match="unknown column"):
        read_clients(write(tmp_path / "b.csv", "id,name,language,email\n"), tmp_path)


def test_yaml_one_bad_entry_drops_only_itself(tmp_path):
    path = write(tmp_path / "clients.yml", (
        "clients:\n"
        "  - {id: a, name: Anna, language: en}\n"
        "  - {id: b, name: Bob, language: 'english!'}\n"
        "  - {id: c, name: 김민준, language: ko}\n"
    ))
    entries, problems = read_clients(path, tmp_path)
    assert [(line, c.id) for line, c in entries] == [(2, "a"), (4, "c")]
    assert len(problems) == 1 and problems[0].line == 3 and "language" in problems[0].message


@pytest.mark.parametrize("folder", ["content", "data"])
def test_client_file_inside_published_folders_is_refused(tmp_path, folder):
    project = copy_tiny(tmp_path)
    path = write(project / folder / "clients.csv", "id,name,language\nc1,A,en\n")
    with pytest.raises(UsageError, match="private"):
        read_clients(path, project)
    link = tmp_path / "outside.csv"
    link.symlink_to(path)  # a link from outside still points into data/ or content/
    with pytest.raises(UsageError, match="private"):
        read_clients(link, project)


@pytest.mark.parametrize(("lang", "show", "expected"), [
    ("zh", ["en", "zh", "ar"], "zh"),
    ("fr", ["en", "zh", "ar"], "en"),
    ("fr", ["zh", "ko", "ja"], "zh"),
    ("ar-EG", ["en", "zh", "ar"], "ar"),
    ("ja", ["zh", "en", "ko", "ja"], "ja"),
])
def test_client_language_fallback(lang, show, expected):
    assert client_language(lang, show) == expected
