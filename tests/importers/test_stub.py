"""`reminder import --directory-stub`: an executors directory stub of the names the directory
does not know, which `reminder check` loads once the coordinator has filled the emails."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reminder.cli import main
from reminder.importers.stub import propose_id
from tests.importers.conftest import seed


@pytest.mark.parametrize(("name", "language", "expected"), [
    ("Міністерство фінансів", "uk", "ministerstvo-finansiv"),
    ("Министерство финансов", "ru", "ministerstvo-finansov"),
    ("ІГС", "uk", "ihs"),
    # "-luhanshchyny" would make it 34 characters: cut before it
    ("Громадська ініціатива Луганщини", "uk", "hromadska-initsiatyva"),
    # the long form folds to its abbreviation first ("облдержадміністрації" = "ОДА"); then
    # the words are cut at 32 characters
    ("Департамент масових комунікацій облдержадміністрації", "uk", "departament-masovykh"),
    ("Комитет по печати Ленинградской области", "ru", "komitet-po-pechati-leningradskoi"),
    ("Valsts kanceleja", "lv", "valsts-kanceleja"),
    # Latvian diacritics dropped, the leading legal form left out as when matching
    ('Biedrība "Latvijas Pilsoniskā alianse"', "lv", "latvijas-pilsoniska-alianse"),
    # nothing left to spell an id with
    ("«—»", "uk", "executor"),
])
def test_proposed_ids(name: str, language: str, expected: str) -> None:
    assert propose_id(name, language) == expected


SMALL = ("executors:\n  - {id: dmk, name: Департамент масових комунікацій "
         "облдержадміністрації, language: uk}\n")

REMINDER = """\
timezone: Europe/Kyiv
country: UA
directory: executors.yaml
plans: [plans/*.yaml]
"""


@pytest.fixture
def deployment(tmp_path: Path) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "reminder.yaml").write_text(REMINDER, encoding="utf-8")
    (tmp_path / "executors.yaml").write_text(SMALL, encoding="utf-8")
    return tmp_path


def imported(capsys, d: Path, *extra: str) -> tuple[int, str]:
    code = main(["import", str(seed("004")), "-o", str(d / "plans" / "lugansk.yaml"), *extra])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def test_the_stub_holds_each_unknown_name_once(deployment: Path, capsys) -> None:
    stub = deployment / "executors-new.yaml"
    code, err = imported(capsys, deployment, "--config", str(deployment / "reminder.yaml"),
                         "--directory-stub", str(stub))
    assert code == 0
    assert f"  directory stub: 8 new executors -> {stub} " in err
    entries = yaml.safe_load(stub.read_text(encoding="utf-8"))["executors"]
    # seed 004 names these besides the department the directory has; "виконком" and
    # "виконкоми" are one name; the ones named "(за згодою)" wherever they appear are
    # partners; every contact is left to fill
    assert [(e["id"], e["name"], e.get("partner", False)) for e in entries] == [
        ("vykonkom-miskykh-rad-mist", "виконкоми міських рад міст обласного значення", True),
        ("rda", "райдержадміністрації", False),
        ("ihs", "ІГС", True),
        ("obyednani-terytorialni-hromady", "об'єднані територіальні громади", True),
        ("hromadska-rada-pry-oda", "громадська рада при облдержадміністрації", False),
        ("hromadska-initsiatyva", "Громадська ініціатива Луганщини", True),
        ("departament-sotsialnoho-zakhystu",
         "Департамент соціального захисту населення облдержадміністрації", False),
        ("holovne-terytorialne-upravlinnia",
         "Головне територіальне управління юстиції в Луганській області", True),
    ]
    assert {e["language"] for e in entries} == {"uk"}
    assert all(e["email"] == [] and e["telegram"] == [] for e in entries)
    text = stub.read_text(encoding="utf-8")
    assert text.count("email: []     # TO FILL") == 8
    assert "  # used by lugansk/3.2 (as co)\n  - id: departament-sotsialnoho-zakhystu\n" in text


def check(capsys, d: Path) -> tuple[int, str]:
    code = main(["check", "--config", str(d / "reminder.yaml")])
    out = capsys.readouterr().out
    return code, out.splitlines()[-1]


def test_merged_into_the_directory_with_emails_filled_check_passes(deployment: Path, capsys):
    stub = deployment / "executors-new.yaml"
    assert imported(capsys, deployment, "--directory", str(deployment / "executors.yaml"),
                    "--directory-stub", str(stub))[0] == 0
    # before: the plan names executors the directory lacks
    assert check(capsys, deployment)[0] == 1
    filled = stub.read_text(encoding="utf-8").replace("email: []", "email: [x@example.org]")
    entries = filled.split("executors:\n", 1)[1]
    directory = deployment / "executors.yaml"
    directory.write_text(directory.read_text(encoding="utf-8") + entries, encoding="utf-8")
    code, summary = check(capsys, deployment)
    assert code == 0 and summary.startswith("OK: 1 plan, 20 tasks;"), summary


def test_without_a_directory_the_stub_is_one(deployment: Path, capsys) -> None:
    stub = deployment / "executors-new.yaml"
    assert imported(capsys, deployment, "--directory-stub", str(stub))[0] == 0
    text = stub.read_text(encoding="utf-8")
    assert "(no directory was given)" in text
    (deployment / "reminder.yaml").write_text(
        REMINDER.replace("executors.yaml", "executors-new.yaml"), encoding="utf-8")
    # as written, with no contact at all, it loads: nobody is reached yet (only the outbox
    # is configured, so that is a warning per executor), but nothing is an error
    code, summary = check(capsys, deployment)
    assert code == 0 and summary.startswith("OK: 1 plan, 20 tasks; 0 errors,"), summary


def test_every_name_known_writes_no_stub(deployment: Path, capsys) -> None:
    stub = deployment / "executors-new.yaml"
    assert imported(capsys, deployment, "--directory-stub", str(stub))[0] == 0
    stub.rename(deployment / "executors.yaml")
    code, err = imported(capsys, deployment, "--config", str(deployment / "reminder.yaml"),
                         "--directory-stub", str(stub))
    assert code == 0 and not stub.exists()
    assert (f"  every executor name is in {deployment / 'executors.yaml'}: no stub written"
            in err)


def test_an_existing_stub_is_replaced_only_with_force(deployment: Path, capsys) -> None:
    stub = deployment / "executors-new.yaml"
    stub.write_text("# mine\n", encoding="utf-8")
    code, err = imported(capsys, deployment, "--directory-stub", str(stub))
    assert code == 2
    assert err == (f"reminder: --directory-stub {stub}: the file exists; nothing was imported "
                   "(--force replaces it)\n")
    assert stub.read_text(encoding="utf-8") == "# mine\n"
    assert not (deployment / "plans" / "lugansk.yaml").exists()
    assert imported(capsys, deployment, "--directory-stub", str(stub), "--force")[0] == 0
    assert stub.read_text(encoding="utf-8").startswith("# Executors named in")


@pytest.mark.parametrize(("extra", "message"), [
    (("--directory-stub", "{d}/executors.yaml", "--directory", "{d}/executors.yaml", "--force"),
     "reminder: --directory-stub {d}/executors.yaml: is the executors directory; name a new "
     "file\n"),
    (("--directory-stub", "{d}/plans/lugansk.yaml", "--force"),
     "reminder: --directory-stub {d}/plans/lugansk.yaml: is the plan file (-o); name a new "
     "file\n"),
    (("--directory-stub", "{d}/new/stub.yaml"),
     "reminder: --directory-stub {d}/new/stub.yaml: the directory {d}/new does not exist\n"),
    (("--directory", "{d}/executors.yaml", "--config", "{d}/reminder.yaml"),
     "reminder: --directory and --config both name an executors directory: give one\n"),
    (("--config", "{d}/executors.yaml"),
     "reminder: --config: {d}/executors.yaml: not a deployment file naming an executors "
     "directory (`directory: executors.yaml`); nothing was imported\n"),
])
def test_bad_stub_options_are_one_line(deployment: Path, capsys, extra, message) -> None:
    d = str(deployment)
    code, err = imported(capsys, deployment, *(x.format(d=d) for x in extra))
    assert (code, err) == (2, message.format(d=d))
