"""Flag rules on single sentences: measure shifts, weak designs, names, acknowledgement."""

from pathlib import Path

import pytest

from evidence.claims.claims import claims_of_paragraphs
from evidence.claims.readers import plain_paragraphs
from evidence.flag import load_registry
from evidence.flag.rules import flag_texts
from evidence.ingest.load import load_studies

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def flag_text():  # type: ignore[no-untyped-def]
    registry = load_registry()
    studies = load_studies(ROOT / "studies.bib")

    def run(text: str) -> set[tuple[str, str | None, bool]]:
        read = claims_of_paragraphs(
            "t.txt", plain_paragraphs(text.split("\n")), registry.claim_match
        )
        return {(f.code, f.source, f.acknowledged) for f in flag_texts([read], studies, registry)}

    return run


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # at-risk read as victims
        (
            "Some 300,000 American children are trafficked for sex each year.",
            {
                ("flawed-source", "estes-weiner-2001-at-risk"),
                ("measure-shift", "estes-weiner-2001-at-risk"),
            },
        ),
        # at risk stated as at risk: no shift
        (
            "Some 300,000 American children are at risk of commercial sexual exploitation.",
            {("flawed-source", "estes-weiner-2001-at-risk")},
        ),
        # detected victims read as all victims
        (
            "Children are one in three of all trafficking victims in the world.",
            {
                ("flawed-source", "unodc-detected-victims"),
                ("measure-shift", "unodc-detected-victims"),
            },
        ),
        # an estimate as a count
        (
            "There are 27 million slaves in the world.",
            {("flawed-source", "bales-27-million"), ("measure-shift", "bales-27-million")},
        ),
        # a stock as a flow
        (
            "Each year 45.8 million people are pushed into modern slavery.",
            {("flawed-source", "global-slavery-index"), ("measure-shift", "global-slavery-index")},
        ),
        # a better study for what it measured
        ("Curtis et al. (2008) estimated 3,946 youth in commercial sex in New York City.", set()),
        (
            "In a national sample of 13,294 students, 3.5% had ever exchanged sex (Edwards, Iritani & Hallfors, 2006).",
            set(),
        ),
        # a weak design cited for prevalence
        (
            "Nearly 40 percent of trafficked minors had been in foster care (Lutnick, 2013).",
            {("design-cannot-support", "lutnick2013meso")},
        ),
        # a count that is not prevalence, and an unsourced claim
        ("The legislature passed 12 laws and prosecutors charged 40 people.", set()),
        ("One in five runaways will be trafficked within two days.", {("no-source", None)}),
        # a flow written as a rate per minute, with no number of people
        (
            "Every 2 minutes, a child is bought or sold for sex in the U.S.",
            {("flawed-source", "stock-as-flow"), ("measure-shift", "stock-as-flow")},
        ),
        # a better study cited beside a registry figure is a contrast, not its source
        (
            "Against the 300,000 children often cited, Curtis et al. (2008) estimated 3,946 youth.",
            {("flawed-source", "estes-weiner-2001-at-risk")},
        ),
        # a work that passes a registry figure on
        (
            "Some 300,000 children are at risk (Finigan-Carr et al., 2019).",
            {
                ("flawed-source", "estes-weiner-2001-at-risk"),
                ("inherited", "finigancarr2019traumagenic"),
            },
        ),
        # a study's own sample
        ("Of the 283 youth interviewed, the mean age of entry was 17 (Dank et al., 2015).", set()),
        # common shares without a word of where are not read as UNODC's detected-victim shares
        (
            "More than 80% of victims are women and girls (U.S. Department of State, 2006).",
            {("design-cannot-support", "state2006tip")},
        ),
        # attribution by a name that fits several origins resolves to the entry, not to one report
        (
            "According to the State Department, 600,000 to 800,000 people are trafficked across borders each year.",
            {("flawed-source", "us-tip-estimates")},
        ),
    ],
)
def test_flags_of_one_sentence(flag_text, sentence: str, expected: set) -> None:  # type: ignore[no-untyped-def,type-arg]
    assert {(code, source) for code, source, _ in flag_text(sentence)} == expected


def test_acknowledgement_is_judged_on_the_paragraph(flag_text) -> None:  # type: ignore[no-untyped-def]
    acknowledged = flag_text(
        "There are 27 million slaves in the world.\nThe figure was never replicated and should be interpreted with caution."
    )
    assert acknowledged
    assert all(ack for *_, ack in acknowledged)
    separate = flag_text(
        "There are 27 million slaves in the world.\n\nThe figure should be interpreted with caution."
    )
    assert separate
    assert not any(ack for *_, ack in separate)
