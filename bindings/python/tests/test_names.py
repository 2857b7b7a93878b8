"""Names from Python: keys across scripts, similarity, variants."""

from xborder import names


def test_keys_and_similarity():
    assert names.key("Мохаммед") == names.key("Muhammad") == names.key("محمد")
    assert names.similarity("Юлия Тимошенко", "Yulia Tymoshenko") > 0.9
    assert names.similarity("John Smith", "Maria Garcia") < 0.55  # well below the match threshold (0.65)
    assert names.script("Юлия") == names.Script("Cyrl", False)
    assert names.variants("Юлия Тимошенко")[0] == "IULIIA TIMOSHENKO"
    assert names.tokens("Dr. Anna-Maria O'Neil") == ["ANNA", "MARIA", "ONEIL"]


def test_prepared_names_score_as_their_text():
    query = names.prepare("Юлия Тимошенко")
    assert query.tokens() == names.tokens("Юлия Тимошенко")
    for other in ["Yulia Tymoshenko", "Мохаммед Али", "John Smith"]:
        expected = names.similarity("Юлия Тимошенко", other)
        assert names.similarity(query, other) == expected
        assert names.similarity(query, names.Prepared(other)) == expected
        assert names.similarity(other, query) == names.similarity(other, "Юлия Тимошенко")
