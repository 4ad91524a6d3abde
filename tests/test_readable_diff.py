"""The editor's diff reads as Chinese text: by character, on the text of the HTML."""

from bulletins.diffing import diff_html, diff_stats, html_to_text


def test_text_is_taken_out_of_the_html_one_line_per_paragraph():
    assert html_to_text("<p>第一段&amp;</p><p><strong>第二</strong>段</p><ul><li>一</li></ul>") == "第一段&\n第二段\n一"


def test_changes_are_marked_by_character_and_escaped():
    html = diff_html("<p>召开会议，部署工作。</p>", "<p>召开专题会议，安排&lt;b&gt;工作。</p>")
    assert '<ins class="diff-ins">专题</ins>' in html
    assert '<del class="diff-del">部署</del>' in html
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_formatting_only_changes_are_not_reported():
    assert diff_stats("<p>会议</p>", "<p><strong>会议</strong></p>")["changed"] is False


def test_the_stats_count_inserted_and_deleted_characters():
    stats = diff_stats("<p>区发改委召开会议，部署复工复产。</p>", "<p>区发改委召开专题会议，部署复工复产。</p>")
    assert stats == {"inserted": 2, "deleted": 0, "changed": True}
