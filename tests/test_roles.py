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
