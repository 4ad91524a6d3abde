"""Two editors saving the same issue: the second sees a conflict page, nothing is lost."""

from django.urls import reverse

from .issue_helpers import accepted_items, login
from .test_issue_composer import header_post, items_post


def test_a_stale_header_save_shows_both_versions_and_saves_nothing(client, editor, composed_issue):
    stale_version = composed_issue.version
    login(client, editor)
    client.post(reverse("issue_compose", args=[composed_issue.pk]), header_post(composed_issue, series_title="甲编辑的总标题"))
    response = client.post(
        reverse("issue_compose", args=[composed_issue.pk]),
        {**header_post(composed_issue, series_title="乙编辑的总标题"), "version": stale_version},
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "其他人已保存了本期的修改" in text
    assert "甲编辑的总标题" in text and "乙编辑的总标题" in text
    composed_issue.refresh_from_db()
    assert composed_issue.series_title == "甲编辑的总标题"


def test_the_conflict_page_can_resubmit_my_change_against_the_current_version(client, editor, composed_issue):
    stale_version = composed_issue.version
    login(client, editor)
    client.post(reverse("issue_compose", args=[composed_issue.pk]), header_post(composed_issue, series_title="甲编辑的总标题"))
    response = client.post(
        reverse("issue_compose", args=[composed_issue.pk]),
        {**header_post(composed_issue, series_title="乙编辑的总标题"), "version": stale_version},
    )
    composed_issue.refresh_from_db()
    text = response.content.decode()
    assert f'name="version" value="{composed_issue.version}"' in text
    assert 'name="series_title" value="乙编辑的总标题"' in text
    # The button re-posts exactly that form.
    resubmit = {**header_post(composed_issue, series_title="乙编辑的总标题")}
    assert client.post(reverse("issue_compose", args=[composed_issue.pk]), resubmit).status_code == 302
    composed_issue.refresh_from_db()
    assert composed_issue.series_title == "乙编辑的总标题"


def test_a_stale_reorder_shows_the_other_order_and_mine(client, editor, composed_issue, unit, contributor):
    first, second = composed_issue.ordered_items()
    [third] = accepted_items(unit, contributor, "另一位编辑加的稿")
    stale = composed_issue.version
    login(client, editor)
    client.post(reverse("issue_compose", args=[composed_issue.pk]),
                items_post(composed_issue, [first, second], op=f"add:{third.pk}"))
    data = items_post(composed_issue, [second, first])
    data["version"] = stale
    response = client.post(reverse("issue_compose", args=[composed_issue.pk]), data)
    assert response.status_code == 409
    text = response.content.decode()
    assert "《另一位编辑加的稿》" in text
    assert text.index("《复工复产稳步开展》") < text.rindex("《春耕备耕有序推进》")
    assert [i.title for i in composed_issue.ordered_items()] == ["春耕备耕有序推进", "复工复产稳步开展", "另一位编辑加的稿"]


def test_a_workflow_step_in_between_also_counts_as_a_change(client, editor, composed_issue):
    stale = composed_issue.version
    login(client, editor)
    client.post(reverse("issue_action", args=[composed_issue.pk]), {"action": "submit_for_review"})
    response = client.post(reverse("issue_compose", args=[composed_issue.pk]),
                           {**header_post(composed_issue, series_title="迟到的修改"), "version": stale})
    assert response.status_code == 409
    assert "送签" in response.content.decode()
