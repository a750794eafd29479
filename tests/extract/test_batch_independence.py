"""An article's claims are a function of the article alone: whichever articles share its
batch (a resumed ingest batches them differently), its claims are the same."""
from __future__ import annotations

import random
from datetime import date

from claimledger.model import Article

WHO = ["Amnesty International", "the interior ministry", "Reuters", "witnesses", "a rights group"]
DID = [("killed", "protesters"), ("arrested", "people"), ("injured", "demonstrators")]
WHEN = ["on Monday", "yesterday", "on 3 March", "last week", ""]


def _article(rng: random.Random, i: int) -> Article:
    sentences = []
    for _ in range(rng.randint(1, 5)):
        verb, who = rng.choice(DID)
        sentences.append(f"Security forces {verb} {rng.randint(2, 9000)} {who} in Minsk "
                         f"{rng.choice(WHEN)}, {rng.choice(WHO)} said.".replace(" ,", ","))
    return Article(id=f"a{i}", text=" ".join(sentences), published=date(2021, 3, 1 + i % 27))


def _records(claims):
    return [c.to_record() for c in claims]


def test_claims_do_not_depend_on_the_rest_of_the_batch(extractor):
    rng = random.Random(5)
    articles = [_article(rng, i) for i in range(60)]
    together = extractor.extract(articles)
    shuffled = articles[:]
    rng.shuffle(shuffled)
    again = extractor.extract(shuffled[:25])
    for a in articles:
        alone = _records(extractor.extract([a])[a.id])
        assert alone == _records(together[a.id]), a.text
        if a.id in again:
            assert alone == _records(again[a.id]), a.text
