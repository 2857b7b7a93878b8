import pytest

import xborder
from xborder import categories


def test_nibrs_murder_is_iccs_intentional_homicide():
    best = categories.translate("nibrs:09A", "iccs")[0]
    assert (best.code, best.title, best.relation) == ("0101", "Intentional homicide", "exactMatch")
    assert [step.system for step in best.path] == ["nibrs", "iccs"]


def test_on_eaw_list_with_its_path():
    items = categories.on_eaw_list("de-pks:732000")
    assert items[0].code == "5" and "narcotic" in items[0].title
    assert "de-pks:732000" in items[0].explanation
    assert categories.on_eaw_list("nibrs:23F") == []  # theft: double criminality applies


def test_ecris_parameters():
    values = {(q["qualifier"], q["value"]): q["meaning"] for q in categories.qualifiers("ecris")}
    assert values[("completion", "A")] == "Attempt or preparation"
    assert values[("exemption", "S")] == "Insanity or diminished responsibility"
    assert len(values) == 7
    assert categories.qualifiers("iccs") == []


def test_systems_hierarchy_and_errors():
    ids = {s["id"] for s in categories.systems()}
    assert {"iccs", "ecris", "eaw", "nibrs", "ncic", "de-pks", "cl-cnp", "ph-psccs"} <= ids
    assert categories.ancestors("iccs:05021") == ["0502", "05"]
    assert categories.title("eaw:14") == "murder, grievous bodily injury"
    with pytest.raises(xborder.Error):
        categories.translate("iccs:9999", "eaw")
    with pytest.raises(ValueError):
        categories.translate("no-colon", "eaw")


def test_tables_of_ones_own(tmp_path):
    (tmp_path / "categories" / "systems").mkdir(parents=True)
    (tmp_path / "categories" / "crosswalks").mkdir()
    (tmp_path / "categories" / "systems" / "xx.csv").write_text("# system: xx\ncode,parent,level,title\n1,,1,theft\n")
    (tmp_path / "categories" / "crosswalks" / "xx-to-iccs.csv").write_text(
        "# crosswalk: xx -> iccs\nfrom,to,relation\n1,0502,exactMatch\n")
    over_builtin = categories.load(str(tmp_path))
    best = categories.translate("xx:1", "iccs", tables=over_builtin)[0]
    assert (best.code, best.relation) == ("0502", "exactMatch")
    assert categories.title("xx:1", tables=over_builtin) == "theft"
    with pytest.raises(xborder.Error):
        categories.translate("xx:1", "iccs")  # not in the built-in tables
    with pytest.raises(xborder.ProfileError):  # iccs is not in the directory
        categories.load(str(tmp_path), directory_only=True)
