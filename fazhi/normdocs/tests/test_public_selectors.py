"""The portal read contract: only published documents, public status labels, chain and articles."""

import datetime as dt

import pytest
from django.http import Http404

from fazhi.normdocs.models import NormativeDocument, Publication
from fazhi.normdocs.selectors import (
    public_status,
    published_articles,
    published_document_get,
    published_document_list,
    published_interpretation,
    published_related,
    published_versions,
)
from fazhi.normdocs.tests.factories import make_document

S = NormativeDocument.Status


def test_drafts_and_reviews_are_never_public(world):
    # given a draft, a document under review and a published one
    draft = make_document(world.market_a, status=S.DRAFT, title="草稿甲")
    review = make_document(world.market_a, status=S.LEGALITY_REVIEW, title="审核中乙")
    published = make_document(world.market_a, status=S.PUBLISHED, title="已公布丙")
    # when the public lists and opens them
    listed = list(published_document_list())
    # then only the published one is reachable
    assert listed == [published]
    assert list(published_document_list(q="草稿")) == []
    for hidden in (draft, review):
        with pytest.raises(Http404):
            published_document_get(pk=hidden.pk)
        assert published_articles(hidden) == []
        assert published_interpretation(hidden) is None
    with pytest.raises(Http404):
        published_document_get(pk="junk")
    assert published_document_get(pk=published.pk) == published


def test_public_status_labels_and_filter_agree(world):
    today = dt.date(2026, 6, 1)
    docs = {
        "现行有效": make_document(world.market_a, status=S.IN_FORCE),
        "尚未生效": make_document(
            world.market_a,
            status=S.PUBLISHED,
            effective_on=dt.date(2099, 1, 1),
            expires_on=dt.date(2099, 6, 1),
        ),
        "已修改": make_document(world.market_a, status=S.AMENDED),
        "已废止": make_document(world.market_a, status=S.REPEALED),
        "已失效": make_document(world.market_a, status=S.EXPIRED),
    }
    for label, doc in docs.items():
        assert public_status(doc, today=today) == label
    for label, doc in docs.items():
        if label in ("尚未生效", "现行有效"):
            continue  # these depend on the real today in the filter; checked below
        assert list(published_document_list(status=label)) == [doc]
    assert docs["尚未生效"] in published_document_list(status="pending")
    assert list(published_document_list(status="胡乱")) == []


def test_filters_by_issuer_year_number_and_dates(world):
    a = make_document(world.market_a, status=S.PUBLISHED, published_on=dt.date(2026, 3, 1))
    b = make_document(
        world.market_b, status=S.PUBLISHED, published_on=dt.date(2025, 3, 1), number_year=2025
    )
    assert list(published_document_list(issuer_id=world.market_b.pk)) == [b]
    assert list(published_document_list(year=2025)) == [b]
    assert list(published_document_list(doc_number=a.doc_number)) == [a]
    assert list(published_document_list(date_from=dt.date(2026, 1, 1))) == [a]
    assert list(published_document_list(date_to=dt.date(2025, 12, 31))) == [b]


def test_version_chain_and_related_documents(world):
    # given an original, its amendment (published) and a draft amendment, and a repealing doc
    original = make_document(world.market_a, status=S.AMENDED, published_on=dt.date(2024, 1, 1))
    amended = make_document(
        world.market_a, status=S.IN_FORCE, supersedes=original, relation="amend"
    )
    make_document(world.market_a, status=S.DRAFT, supersedes=amended, relation="amend")
    citing = make_document(
        world.market_b, status=S.PUBLISHED, body_text=f"根据{amended.doc_number}制定。"
    )
    # then the versions are the published chain, oldest first; the draft never shows
    assert published_versions(amended) == [original, amended]
    assert published_versions(original) == [original, amended]
    assert published_related(amended) == [citing]


def test_interpretation_is_returned_for_published_documents(world):
    doc = make_document(world.market_a, status=S.PUBLISHED)
    Publication.objects.create(
        document=doc,
        published_on=dt.date(2026, 1, 2),
        channel="区政府门户网站",
        interpretation_title="解读",
        interpretation_text="一图读懂",
    )
    assert published_interpretation(doc).text == "一图读懂"
    assert [a.label for a in published_articles(doc)][-1] == "第十二条"
