"""The analyst's roles file: its format and its one-line errors."""

import pytest

from newsgraph.errors import BadSetting
from newsgraph.graph.roles import load_roles


def test_roles_file_lines_comments_and_dates(tmp_path):
    path = tmp_path / "roles.txt"
    path.write_text("# country | role | holder | from | until\n\n"
                    "Russia | President | Vladimir Putin | 2012-05-07\n"
                    "the U.S. | leader | George W. Bush | 2001-01-20 | 2009-01-20  # two terms\n", encoding="utf-8")
    roles = load_roles(path)
    assert [(r.country, r.role, r.holder, r.origin) for r in roles.lines] == [
        ("russia", "leader", "Vladimir Putin", f"{path}:3"), ("united states", "leader", "George W. Bush", f"{path}:4")]
    assert [r.holder for r in roles.holders("Russia", "chief", "2025-03-18")] == ["Vladimir Putin"]
    assert roles.holders("United States", "president", "2019-05-27") == []
    assert roles.holders("Russia", "leader", "") == []  # an undated article gets only undated lines


@pytest.mark.parametrize("line,problem", [
    ("Russia | leader", "expected 'country | role | holder"),
    ("Russia | leader | Vladimir Putin | 7 May 2012", "is not an ISO date"),
    ("United States | president | Joe Biden | 2021-13-45", "'2021-13-45' is not an ISO date"),
    ("United States | president | Joe Biden | 2021-01-20 | 2025-02-30", "'2025-02-30' is not an ISO date"),
    ("Russia | leader | Vladimir Putin | 2012 | 2000", "ends (2000) before it starts (2012)"),
    ("Russia | leader | ... ", "must be names"),
])
def test_a_bad_line_is_one_error_naming_the_file_and_the_line(tmp_path, line, problem):
    path = tmp_path / "roles.txt"
    path.write_text(f"# roles\n{line}\n", encoding="utf-8")
    with pytest.raises(BadSetting) as error:
        load_roles(path)
    assert str(error.value).startswith(f"{path}:2: ") and problem in str(error.value)
    assert len(str(error.value).splitlines()) == 1


def test_a_missing_roles_file_is_named(tmp_path):
    with pytest.raises(BadSetting, match="nope.txt: cannot read the roles file"):
        load_roles(tmp_path / "nope.txt")


@pytest.mark.store
@pytest.mark.model
def test_ingest_applies_a_roles_file_and_refuses_a_bad_one(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text("The US president will raise tariffs on goods from Mexico next month, the White "
                                    "House said on Monday.\n", encoding="utf-8")
    (articles / "metadata.json").write_text('{"a": {"published": "2019-05-27"}}', encoding="utf-8")
    runner, store = CliRunner(), tmp_path / "store"
    bad = tmp_path / "bad.txt"
    bad.write_text("United States | president\n", encoding="utf-8")
    refused = runner.invoke(app, ["ingest", str(articles), "--data-dir", str(store), "--roles", str(bad)])
    assert refused.exit_code != 0 and f"{bad}:1: expected" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and not store.exists()
    roles = tmp_path / "roles.txt"
    roles.write_text("United States | president | George W. Bush | 2001-01-20 | 2009-01-20\n"
                     "United States | president | Donald Trump | 2017-01-20 | 2021-01-20\n", encoding="utf-8")
    done = runner.invoke(app, ["ingest", str(articles), "--data-dir", str(store), "--roles", str(roles), "-q"])
    assert done.exit_code == 0, done.output
    explained = runner.invoke(app, ["entities", "--explain", "Donald Trump", "--data-dir", str(store)])
    assert explained.exit_code == 0, explained.output
    assert "'The US president' by rule 'analyst role'" in explained.output and f"{roles}:2" in explained.output
    listed = runner.invoke(app, ["entities", "--data-dir", str(store)])
    assert "George W. Bush" not in listed.output
