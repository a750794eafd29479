"""Copies within Persian: a passage copied with Arabic letter forms and other digits
(ي/ی, ك/ک, ٠-٩/۰-۹) is found, at its place, as in English."""
from __future__ import annotations

from datetime import date

from claimledger.copies import find_copies
from claimledger.model import Article
from claimledger.store import open_store

FIRST = ("گزارشی کوتاه از وضعیت شهر در روز گذشته منتشر شد. "
         "یک گروه حقوق بشری اعلام کرد که نیروهای امنیتی در جریان اعتراضات روز جمعه دست کم ۳۷ نفر را "
         "در خیابان‌های شهر بازداشت کرده‌اند و خانواده‌های آنان از سرنوشتشان بی‌خبرند. "
         "هوا در بیشتر نقاط کشور سرد بود.")
PASSAGE = FIRST.split(". ")[1]
COPIED = ("خبرگزاری دیگری امروز نوشت. " +
          PASSAGE.replace("ی", "ي").replace("ک", "ك").replace("۳۷", "٣٧") + ". هیچ خبر دیگری نرسید.")


def test_a_persian_passage_in_other_letter_forms_is_found(tmp_path):
    with open_store(tmp_path / "c.db") as store:
        store.put_article(Article("fa-a", FIRST, published=date(2022, 10, 1), language="fa"))
        store.put_article(Article("fa-b", COPIED, published=date(2022, 10, 2), language="fa"))
        find_copies(store)
        [copy] = store.copies()
        assert (copy.first.article, copy.copy.article) == ("fa-a", "fa-b")
        assert FIRST[copy.first.start:copy.first.end].startswith("یک گروه حقوق بشری")
        assert COPIED[copy.copy.start:copy.copy.end].startswith("يك گروه حقوق بشري")
        assert copy.similarity > 0.9
