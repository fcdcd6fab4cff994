from evidence.claims.citations import find_citations


def kinds(text: str) -> list[tuple[str, str, int | None, str, str]]:
    return [(c.kind, c.authors, c.year, c.label, c.key) for c in find_citations(text)]


def test_author_year_in_parentheses_and_running_text() -> None:
    assert kinds("(Estes & Weiner, 2001; Bales 1999)")[0][:3] == (
        "author-year",
        "Estes Weiner",
        2001,
    )
    assert kinds("Curtis et al. (2008) estimated")[0][:3] == ("author-year", "Curtis", 2008)


def test_numbered_keys_and_names() -> None:
    assert [k[3] for k in kinds("figures [3, 5-6] and (4).")] == ["3", "5", "6", "4"]
    assert kinds("see [@estes2001commercial, p. 4]")[0][4] == "estes2001commercial"
    assert kinds(r"as \cite{a,b} say")[1][4] == "b"
    assert kinds("According to the State Department, many")[0][:2] == ("name", "State Department")
    assert kinds("Kevin Bales estimated 27 million")[0][:2] == ("name", "Kevin Bales")


def test_a_year_in_running_text_is_not_a_citation() -> None:
    assert kinds("laws passed (in 2000) were many") == []
