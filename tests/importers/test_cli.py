"""`reminder import`: the file written, the summary, and bad input without a traceback."""

from __future__ import annotations

import io
import sys

import pytest
import yaml

from reminder.cli import main
from reminder.config.plan import PlanFile
from tests.importers.builders import build_big_docx, build_docx
from tests.importers.conftest import seed


def test_import_writes_reviewable_yaml_and_a_summary(tmp_path, capsys):
    out = tmp_path / "lugansk-2020.yaml"
    assert main(["import", str(seed("004")), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "26 rows read, 20 tasks (20 with a lead executor)" in err
    assert "deadline and executors shared one cell" in err and "2.1, 2.2, 2.3" in err
    text = out.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    PlanFile.model_validate(data)
    assert data["id"] == "lugansk-2020"  # from the output name
    assert data["period"] == "2020" and data["language"] == "uk" and data["country"] == "UA"
    assert data["tasks"][2]["executors"][1] == {
        "name": "виконкоми міських рад міст обласного значення", "role": "partner"
    }
    assert "Департамент масових комунікацій" in text  # unicode, not \u escapes
    assert "# deadline and executors shared one cell" in text
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed away


def test_import_to_stdout_with_options(capsys):
    assert main(["import", str(seed("003")), "--period", "2023-2025", "--lang", "ru",
                 "--id", "leningrad-nko-2023"]) == 0
    out = capsys.readouterr().out
    data = yaml.safe_load(out)
    assert data["id"] == "leningrad-nko-2023" and data["period"] == "2023-2025"
    assert len(data["tasks"]) == 29


def test_not_yet_set_is_a_comment_in_the_yaml(tmp_path, capsys):
    out = tmp_path / "memorands.yaml"
    assert main(["import", str(seed("000")), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "    # not yet set" in text and "deadline: null" in text
    assert "tiks noteikti" in text  # the plan's own words, quoted for the reviewer


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("missing.docx", None, "no such file"),
        ("empty.txt", b"", "empty"),
        ("broken.docx", b"PK\x03\x04garbage", "DOCX"),
        ("plan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "legacy"),
        ("letter.txt", "Добрый день! Высылаем материалы.".encode(), "not a plan"),
        ("nodeadline.csv", "№;Мероприятие;Исполнитель\n1;Семинар;Комитет\n".encode(),
         "no deadline column"),
    ],
)
def test_bad_input_is_a_message_naming_the_file(tmp_path, capsys, name, content, needle):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "out.yaml"
    out.write_text("previous: plan\n", encoding="utf-8")
    code = main(["import", str(path), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert str(path) in err and needle in err
    assert "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "previous: plan\n"  # untouched


def test_bad_period_option(capsys):
    assert main(["import", str(seed("004")), "--period", "next year"]) == 2
    assert "--period" in capsys.readouterr().err


def test_windows_1251_import_says_so(tmp_path, capsys):
    text = seed("003").read_text(encoding="utf-8")
    path = tmp_path / "plan-1251.txt"
    path.write_bytes(text.encode("cp1251", errors="replace"))
    assert main(["import", str(path)]) == 0
    captured = capsys.readouterr()
    assert "Windows-1251" in captured.err
    assert "# Note: encoding: decoded as Windows-1251" in captured.out
    assert len(yaml.safe_load(captured.out)["tasks"]) == 29


def test_docx_through_the_cli(tmp_path, capsys):
    path = build_docx(tmp_path / "plan.docx")
    assert main(["import", str(path)]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert [t["id"] for t in data["tasks"]] == ["1.1", "1.2", "1.3", "2.1"]


def test_directory_option_marks_unknown_names(tmp_path, capsys):
    directory = tmp_path / "executors.yaml"
    directory.write_text(
        "executors:\n"
        "  - id: dmk\n"
        "    name: Департамент масових комунікацій облдержадміністрації\n"
        "    language: uk\n"
        "  - id: igs\n"
        "    name: Інститути громадянського суспільства\n"
        "    language: uk\n"
        "  - id: rada\n"
        "    name: Громадська рада при облдержадміністрації\n"
        "    language: uk\n",
        encoding="utf-8",
    )
    assert main(["import", str(seed("004")), "--directory", str(directory)]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    # known names (ІГС is the directory's abbreviation) carry no comment; others do
    dmk = lines.index("      - name: Департамент масових комунікацій облдержадміністрації")
    assert not lines[dmk - 1].lstrip().startswith("#")
    igs = lines.index("      - name: ІГС")
    assert not lines[igs - 1].lstrip().startswith("#")
    rda = lines.index("      - name: райдержадміністрації")
    assert lines[rda - 1].startswith("      # not in the directory")
    # each unknown name is reported where it is, as `reminder check` reports it
    data = yaml.safe_load(captured.out)
    i, j = next((i, j) for i, t in enumerate(data["tasks"])
                for j, e in enumerate(t["executors"]) if e["name"] == "райдержадміністрації")
    assert (f"<stdout>:{rda + 1}: tasks[{i}].executors[{j}].name: warning: "
            "'райдержадміністрації' is not in the executors directory (add it, or an alias)"
            ) in captured.err


def test_unknown_names_are_located_in_the_file_written(tmp_path, capsys):
    directory = tmp_path / "executors.yaml"
    directory.write_text("executors:\n  - {id: dmk, name: ДМК, language: uk}\n",
                         encoding="utf-8")
    out = tmp_path / "lugansk-2020.yaml"
    assert main(["import", str(seed("004")), "-o", str(out), "--directory",
                 str(directory)]) == 0
    err = capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    first = text.splitlines().index("      - name: райдержадміністрації") + 1
    i, j = next((i, j) for i, t in enumerate(yaml.safe_load(text)["tasks"])
                for j, e in enumerate(t["executors"]) if e["name"] == "райдержадміністрації")
    located = [line for line in err.splitlines() if line.startswith(f"{out}:")]
    # one line per name, at its first use, with every task that names it
    [line] = [x for x in located if "'райдержадміністрації'" in x]
    assert line.startswith(
        f"{out}:{first}: tasks[{i}].executors[{j}].name: warning: 'райдержадміністрації' "
        "is not in the executors directory (add it, or an alias); used by lugansk-2020/")
    # the lines `reminder check` prints for the same file, as warnings of a draft
    from reminder.config import Policy, load_directory
    from reminder.config.plans import PlanContext, load_plan

    ctx = PlanContext(load_directory(directory), Policy(), "UA", None)
    _, problems, _ = load_plan(out, str(out), ctx)
    assert located == [str(p).replace(": error: ", ": warning: ") for p in problems
                       if p.is_error]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a key missing: each on the line of its entry, with its key path
        ("executors:\n  - name: X\n",
         [":2: executors[0].id: error: required key is missing",
          ":2: executors[0].language: error: required key is missing"]),
        # what only a check across entries finds
        ("executors:\n  - {id: a, name: A, language: uk}\n  - {id: a, name: B, language: uk}\n",
         [":3: executors[1].id: error: duplicate executor id (first on line 2)"]),
        ("executors:\n  - {id: a, name: A, language: uk, supervisor: b}\n",
         [":2: executors[0].supervisor: error: 'b' is not an executor id"]),
        ("executors: [\n", [":2: error: invalid YAML: "]),
        (None, [": error: file not found"]),
    ],
)
def test_directory_problems_are_reported_like_check(tmp_path, capsys, text, expected):
    directory = tmp_path / "executors.yaml"
    if text is not None:
        directory.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    code = main(["import", str(seed("004")), "-o", str(out), "--directory", str(directory)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and not out.exists()
    lines = err.splitlines()
    if len(expected) == 1:  # one mistake: one line, naming the option and the place
        [line] = lines
        assert line.startswith(f"reminder: --directory: {directory}{expected[0]}"), err
        assert line.endswith("; nothing was imported")
        return
    for want in expected:
        assert any(line.startswith(f"{directory}{want}") for line in lines), err
    assert lines[-1] == (f"reminder: {directory}: not a valid executors directory (the "
                         "problems above); nothing was imported")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_for_large_documents(tmp_path, monkeypatch, capsys):
    path = build_big_docx(tmp_path / "big.docx", 400)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["import", str(path), "-o", str(tmp_path / "big.yaml")]) == 0
    err = terminal.getvalue()
    assert "\rbig.docx: [" in err
    assert "] 411/411 rows\n" in err  # 400 tasks, 10 section rows and the header
    assert "400 tasks" in err


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path, capsys):
    path = build_big_docx(tmp_path / "big.docx", 400)
    assert main(["import", str(path), "-o", str(tmp_path / "big.yaml")]) == 0
    assert "\r" not in capsys.readouterr().err


@pytest.mark.parametrize("target", ["dir", "missing/plan.yaml"])
def test_unwritable_output_is_a_user_error(tmp_path, capsys, target):
    (tmp_path / "dir").mkdir()
    code = main(["import", str(seed("002")), "-o", str(tmp_path / target)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "directory" in err
