"""Build a synthetic corpus of texts for the flagging benchmark.

    uv run python bench/make_corpus.py MB [--out bench/data/corpus] [--seed 1] [--claim-share 0.02]
        [--number-share 0.25]

Writes plain-text files of about 1 MB each, totalling MB megabytes, made of paragraphs like those of
books and reports on the subject: mostly prose without figures, some prose with years and citations,
a quarter of paragraphs with numbers that are not claims (dates, pages, ages, counts of laws and
beds; --number-share), and prevalence claims (registry figures, cited and uncited, acknowledged or not, better studies,
counts that are not claims) in a share of paragraphs set by --claim-share (default one in fifty).
The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PROSE = [
    "Programs that serve young people who have left home describe how trust is built slowly, through "
    "repeated contact, practical help and staff who stay in the same post long enough to be known.",
    "Case managers said that the hardest part of the work was not finding young people but keeping "
    "them engaged once a placement broke down or a court date came and went.",
    "Service providers in the region meet every month to compare referrals, and they have agreed on "
    "a common screening form that asks about housing, school and family contact.",
    "Training for hotel staff, drivers and health workers now covers the signs that a young person is "
    "being controlled by someone else, and what to do when those signs appear.",
    "Advocates argue that the response should start with housing and schooling, because the young "
    "people they meet most often describe running from home before anything else happened.",
    "The committee heard from parents, teachers, police officers and survivors over three long "
    "evenings, and its report recommends better coordination between agencies.",
]
DATED = [
    "The state passed its first safe harbor law in {year}, and the law was amended again in {year2} "
    "after a review of how it had been applied (Harper, 2016).",
    "A federal task force was set up in {year}; its members included prosecutors, social workers and "
    "representatives of runaway and homeless youth programs.",
    "As Reid (2012) notes, the pathways into exploitation differ by age and gender, which is why "
    "prevention work cannot rely on a single profile of who is at risk.",
]
#: Numbers that are not prevalence claims, as real texts are full of them: dates, page numbers of
#: quotations, ages and durations in case stories, counts of laws, states, beds and minutes,
#: section numbers. The first scan cannot tell them from figures, so their paragraphs are read.
NUMBERED = [
    "The hearing took place on March {day}, {year}, in room {small} of the county building.",
    "She was {age} when she first ran away from a foster placement, and she stayed with a cousin "
    "for {small} weeks before a caseworker found her.",
    "As one officer put it, the work is about patience more than arrests (Lloyd, 2011, p. {page}).",
    "The bill was introduced in {small} states during the {year} session and passed in {tiny} of "
    "them.",
    "Section {small} of the act sets out what agencies must report each year.",
    "The shelter has {small} beds and a waiting list that is rarely shorter than a month.",
    "Interviews lasted between {small} and {page} minutes and were recorded with consent.",
    "Chapter {tiny} returns to these questions, and Table {tiny}.{tiny} lists the programs "
    "visited.",
]
CLAIMS = [
    "As many as 100,000 to 300,000 children are sexually exploited in the United States every year "
    "(Estes & Weiner, 2001).",
    "According to the National Center for Missing & Exploited Children, at least 100,000 children "
    "are victims of prostitution each year.",
    "There are 27 million slaves in the world today.",
    "Human trafficking is a $32 billion industry, the second largest criminal industry in the world.",
    "The average age of entry into prostitution is 12 to 14 years old.",
    "These at-risk figures count children at risk, not victims, and should be interpreted with "
    "caution; the estimate of 244,000 to 325,000 children at risk was never a headcount.",
    "Curtis et al. (2008) estimated that 3,946 young people were involved in commercial sex in New "
    "York City, using respondent-driven sampling.",
    "In a national sample of 13,294 students, 3.5% reported having ever exchanged sex for money or "
    "drugs (Edwards, Iritani & Hallfors, 2006).",
    "Every day, tens of thousands of women and children are bought and sold across borders.",
    "One in three runaways will be approached by a trafficker within 48 hours of leaving home.",
    "The legislature passed 12 laws on trafficking, and prosecutors charged 40 people under them.",
    "Children make up one in three trafficking victims worldwide (UNODC, 2018).",
]


#: Share of paragraphs that hold a claim sentence. Books on the subject state a figure every few
#: pages; one paragraph in fifty is already denser than most, and --claim-share 0.125 is a stress
#: test.
CLAIM_SHARE = 0.02
#: Share of paragraphs that hold a number that is not a prevalence claim (see NUMBERED). In the
#: five texts on the subject in the project's seed folder (news releases, advocacy posts, a
#: review paper), 42% of paragraphs held such a number and 4% a claim; a book has longer stretches
#: of narrative, so a quarter is used here, and --number-share 0.4 matches those texts.
NUMBER_SHARE = 0.25


def paragraph(rng: random.Random, claim_share: float, number_share: float) -> str:
    roll = rng.random()
    if roll < claim_share:
        sentences = [rng.choice(PROSE), rng.choice(CLAIMS), rng.choice(PROSE)]
    elif roll < claim_share + number_share:
        numbered = rng.choice(NUMBERED).format(
            day=rng.randint(1, 28),
            year=rng.randint(1995, 2020),
            age=rng.randint(12, 17),
            small=rng.randint(2, 40),
            tiny=rng.randint(1, 9),
            page=rng.randint(41, 320),
        )
        sentences = [rng.choice(PROSE), numbered, rng.choice(PROSE)]
    elif roll < claim_share + number_share + 0.2:
        year = rng.randint(1995, 2020)
        sentences = [rng.choice(PROSE), rng.choice(DATED).format(year=year, year2=year + 3)]
    else:
        sentences = rng.sample(PROSE, 3)
    text = " ".join(sentences)
    # wrap at about 90 characters, as plain-text books and reports are written
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > 90:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def make_corpus(
    megabytes: float,
    out: Path,
    seed: int = 1,
    claim_share: float = CLAIM_SHARE,
    number_share: float = NUMBER_SHARE,
) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    target = int(megabytes * 1_000_000)
    written = 0
    files: list[Path] = []
    index = 0
    while written < target:
        index += 1
        path = out / f"text-{index:05d}.txt"
        size = min(1_000_000, target - written)
        parts: list[str] = [f"Chapter {index}", ""]
        length = 0
        while length < size:
            block = paragraph(rng, claim_share, number_share)
            parts.extend([block, ""])
            length += len(block) + 2
        data = "\n".join(parts).encode("utf-8")
        path.write_bytes(data)
        written += len(data)
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("megabytes", type=float)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data" / "corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--claim-share", type=float, default=CLAIM_SHARE)
    parser.add_argument("--number-share", type=float, default=NUMBER_SHARE)
    args = parser.parse_args()
    files = make_corpus(args.megabytes, args.out, args.seed, args.claim_share, args.number_share)
    total = sum(f.stat().st_size for f in files)
    print(f"wrote {len(files)} files, {total / 1e6:.1f} MB, to {args.out}")


if __name__ == "__main__":
    main()
