"""Article splitting (第X条 with Chinese numerals, 章/节 headings) and the article-level diff."""

import pytest

from fazhi.normdocs.articles import chinese_to_int, find_article, int_to_chinese, split_articles
from fazhi.normdocs.diff import diff_articles, diff_summary

from .factories import SAMPLE_TEXT


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("一百零五", 105),
        ("一百一十", 110),
        ("12", 12),
        ("１２", 12),
    ],
)
def test_chinese_numerals_round_trip(text, number):
    assert chinese_to_int(text) == number
    if not text[0].isdigit() and text[0] not in "１":
        assert int_to_chinese(number) == text


def test_split_articles_keeps_numbers_chapters_and_multiline_text():
    # given a text with chapters, a preamble and a jump to 第十二条
    # when it is split
    articles = split_articles(
        SAMPLE_TEXT + "第十三条　本规定由区市场监督管理局负责解释。\n  具体问题另行通知。"
    )
    # then every article is found with its number, label and chapter, headings excluded
    assert [a.number for a in articles] == [1, 2, 3, 4, 12, 13]
    assert articles[4].label == "第十二条"
    assert articles[2].chapter == "第二章 登记服务"
    assert articles[1].chapter == "第一章 总则"
    assert "第二章" not in articles[1].text
    assert articles[5].text == "本规定由区市场监督管理局负责解释。\n具体问题另行通知。"


def test_article_citations_in_the_middle_of_a_sentence_do_not_split():
    articles = split_articles("第一条 依照本规定第三条的规定办理。\n第二条 其他。")
    assert [a.number for a in articles] == [1, 2]


def test_find_article_by_citation():
    assert find_article(SAMPLE_TEXT, "第十二条").number == 12
    assert find_article(SAMPLE_TEXT, "第12条").number == 12
    assert find_article(SAMPLE_TEXT, "第九十九条") is None
    assert find_article(SAMPLE_TEXT, "无关") is None


def test_diff_finds_added_removed_and_changed_articles_despite_renumbering():
    # given an old text, and a new one inserting an article and rewording another
    old = (
        "第一条 目的。\n第二条 适用范围为本区。\n第三条 登记机关应当当场登记。\n第四条 废止旧规定。"
    )
    new = (
        "第一条 目的。\n第二条 新增的电子化条款。\n第三条 适用范围为本区。\n"
        "第四条 登记机关应当在一个工作日内登记。"
    )
    # when diffed
    changes = diff_articles(old, new)
    # then
    kinds = [(c.kind, c.old and c.old.number, c.new and c.new.number) for c in changes]
    assert kinds == [
        ("same", 1, 1),
        ("added", None, 2),
        ("same", 2, 3),
        ("changed", 3, 4),
        ("removed", 4, None),
    ]
    changed = changes[3]
    assert ("insert", "在一个工作日内") in changed.segments
    assert diff_summary(changes) == {"added": 1, "removed": 1, "changed": 1, "same": 2}
