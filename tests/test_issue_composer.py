from django.urls import reverse

from bulletins.models import IssueState, Item, RecipientGroup

from . import factories
from .issue_helpers import accepted_items, login


def compose_url(issue):
    return reverse("issue_compose", args=[issue.pk])


def header_post(issue, **overrides):
    data = {
        "section": "header", "version": issue.version, "issue_date": "2020-02-28",
        "series_title": "疫情防控工作动态（一）", "editor_note": "", "print_run": "",
        "editor_0": "", "editor_1": "", "editor_2": "", "editor_3": "",
        "dist_report": "", "dist_send": "", "dist_issue": "", "dist_copy": "",
    }
    data.update(overrides)
    return data


def items_post(issue, order, lead=None, op="save"):
    data = {"section": "items", "version": issue.version, "item": [i.pk for i in order], "op": op}
    if lead is not None:
        data["lead"] = lead.pk
    return data


def titles(issue):
    return [i.title for i in issue.ordered_items()]


def test_the_composer_shows_placed_items_and_the_pool_of_accepted_items(client, editor, composed_issue, unit, contributor):
    accepted_items(unit, contributor, "待编的一篇")
    factories.make_item(unit, contributor, title="还没采用的一篇", state="submitted")
    text = login(client, editor).get(compose_url(composed_issue)).content.decode()
    assert "春耕备耕有序推进" in text and "复工复产稳步开展" in text
    assert "待编的一篇" in text
    assert "还没采用的一篇" not in text


def test_only_editors_may_open_the_composer(client, composed_issue, contributor, responsible_editor, administrator):
    for user in (contributor, responsible_editor, administrator):
        assert login(client, user).get(compose_url(composed_issue)).status_code == 403


def test_saving_the_header_sets_date_title_note_print_run_editors_and_distribution(client, editor, composed_issue, responsible_editor):
    second = factories.make_user("zeren2", "责任编辑", full_name="李德昭")
    for name in ("区四大班子领导", "区委各部委", "各镇街道"):
        RecipientGroup.objects.create(name=name)
    response = login(client, editor).post(compose_url(composed_issue), header_post(
        composed_issue, issue_date="2020-03-01", editor_note="请各单位认真学习。", print_run="120",
        editor_0=second.pk, editor_1=responsible_editor.pk,
        dist_send="区四大班子领导\n区委各部委", dist_issue="各镇街道",
    ))
    assert response.status_code == 302
    composed_issue.refresh_from_db()
    assert composed_issue.series_title == "疫情防控工作动态（一）"
    assert composed_issue.editor_note == "请各单位认真学习。"
    assert composed_issue.print_run == 120
    assert str(composed_issue.issue_date) == "2020-03-01"
    assert composed_issue.ordered_editors() == [second, responsible_editor]
    assert composed_issue.distribution_lines() == [("送", ["区四大班子领导", "区委各部委"]), ("发", ["各镇街道"])]
    assert "刊头、责任编辑和发送范围已保存" in client.get(response["Location"]).content.decode()


def test_an_unknown_recipient_group_is_named_in_the_error_and_nothing_is_saved(client, editor, composed_issue):
    response = login(client, editor).post(compose_url(composed_issue), header_post(composed_issue, dist_send="不存在的单位"))
    assert response.status_code == 400
    assert "未找到发送对象：不存在的单位" in response.content.decode()
    composed_issue.refresh_from_db()
    assert composed_issue.series_title == ""


def test_a_bad_print_run_is_refused_with_a_reason(client, editor, composed_issue):
    response = login(client, editor).post(compose_url(composed_issue), header_post(composed_issue, print_run="很多"))
    assert response.status_code == 400
    assert "印数应为整数" in response.content.decode()


def test_moving_the_issue_date_into_another_year_is_refused(client, editor, composed_issue):
    response = login(client, editor).post(compose_url(composed_issue), header_post(composed_issue, issue_date="2021-01-05"))
    assert "出刊日期不能跨年度修改" in client.get(response["Location"]).content.decode()
    composed_issue.refresh_from_db()
    assert composed_issue.year == 2020 and str(composed_issue.issue_date) == "2020-02-28"


def test_adding_an_accepted_item_places_it_last(client, editor, composed_issue, unit, contributor):
    [new] = accepted_items(unit, contributor, "新采用的稿件")
    placed = list(composed_issue.ordered_items())
    response = login(client, editor).post(compose_url(composed_issue), items_post(composed_issue, placed, lead=placed[0], op=f"add:{new.pk}"))
    assert response.status_code == 302
    assert titles(composed_issue) == ["春耕备耕有序推进", "复工复产稳步开展", "新采用的稿件"]
    assert "稿件已编入本期" in client.get(response["Location"]).content.decode()


def test_an_item_that_is_not_accepted_cannot_be_added(client, editor, composed_issue, unit, contributor):
    submitted = factories.make_item(unit, contributor, title="待审稿件", state="submitted")
    placed = list(composed_issue.ordered_items())
    response = login(client, editor).post(compose_url(composed_issue), items_post(composed_issue, placed, op=f"add:{submitted.pk}"))
    assert "《待审稿件》不是已采用的稿件，不能编入" in client.get(response["Location"]).content.decode()
    assert titles(composed_issue) == ["春耕备耕有序推进", "复工复产稳步开展"]


def test_removing_an_item_returns_it_to_the_pool(client, editor, composed_issue):
    placed = list(composed_issue.ordered_items())
    login(client, editor).post(compose_url(composed_issue), items_post(composed_issue, placed, op=f"remove:{placed[0].pk}"))
    assert titles(composed_issue) == ["复工复产稳步开展"]
    placed[0].refresh_from_db()
    assert placed[0].issue is None and placed[0].state == "accepted"


def test_the_down_button_moves_an_item_one_place_without_javascript(client, editor, composed_issue):
    placed = list(composed_issue.ordered_items())
    login(client, editor).post(compose_url(composed_issue), items_post(composed_issue, placed, lead=placed[0], op=f"down:{placed[0].pk}"))
    assert titles(composed_issue) == ["复工复产稳步开展", "春耕备耕有序推进"]


def test_the_up_button_on_the_first_item_changes_nothing(client, editor, composed_issue):
    placed = list(composed_issue.ordered_items())
    login(client, editor).post(compose_url(composed_issue), items_post(composed_issue, placed, op=f"up:{placed[0].pk}"))
    assert titles(composed_issue) == ["春耕备耕有序推进", "复工复产稳步开展"]


def test_saving_a_dragged_order_and_a_new_lead(client, editor, composed_issue):
    first, second = composed_issue.ordered_items()
    login(client, editor).post(compose_url(composed_issue), items_post(composed_issue, [second, first], lead=second))
    assert titles(composed_issue) == ["复工复产稳步开展", "春耕备耕有序推进"]
    assert [i.is_lead for i in composed_issue.ordered_items()] == [True, False]


def test_a_bulletin_has_at_most_one_lead(client, editor, composed_issue):
    first, second = composed_issue.ordered_items()
    data = items_post(composed_issue, [first, second])
    data["lead"] = [first.pk, second.pk]
    login(client, editor).post(compose_url(composed_issue), data)
    assert [i.is_lead for i in composed_issue.ordered_items()] == [True, False]


def test_garbage_in_the_item_list_is_refused_with_a_reason(client, editor, composed_issue):
    data = items_post(composed_issue, [])
    data["item"] = ["abc"]
    response = login(client, editor).post(compose_url(composed_issue), data)
    assert "稿件编号无效" in client.get(response["Location"]).content.decode()
    assert len(titles(composed_issue)) == 2


def test_an_unknown_item_is_refused_and_nothing_changes(client, editor, composed_issue):
    placed = list(composed_issue.ordered_items())
    data = items_post(composed_issue, placed)
    data["item"] = [placed[1].pk, 987654]
    response = login(client, editor).post(compose_url(composed_issue), data)
    assert "有稿件已不存在" in client.get(response["Location"]).content.decode()
    assert titles(composed_issue) == ["春耕备耕有序推进", "复工复产稳步开展"]


def test_an_unknown_section_is_refused(client, editor, composed_issue):
    response = login(client, editor).post(compose_url(composed_issue), {"section": "drop_tables"})
    assert "未知的操作" in client.get(response["Location"]).content.decode()


def test_editing_an_approved_issue_takes_it_back_to_drafting_and_says_so(client, editor, composed_issue):
    composed_issue.state = IssueState.APPROVED
    composed_issue.save()
    placed = list(composed_issue.ordered_items())
    response = login(client, editor).post(compose_url(composed_issue), items_post(composed_issue, placed[::-1]))
    composed_issue.refresh_from_db()
    assert composed_issue.state == IssueState.DRAFTING
    assert "已退回“编排中”" in client.get(response["Location"]).content.decode()


def test_submitting_for_signoff_confirms_and_moves_the_issue_to_review(client, editor, composed_issue):
    response = login(client, editor).post(reverse("issue_action", args=[composed_issue.pk]), {"action": "submit_for_review"})
    composed_issue.refresh_from_db()
    assert composed_issue.state == IssueState.IN_REVIEW
    assert "已送责任编辑签发" in client.get(response["Location"]).content.decode()


def test_an_empty_issue_cannot_be_submitted_and_the_page_says_why(client, editor, bulletin, responsible_editor):
    issue = factories.make_issue(bulletin, number=9, editors=[responsible_editor])
    response = login(client, editor).post(reverse("issue_action", args=[issue.pk]), {"action": "submit_for_review"})
    assert "本期还没有编入稿件，不能送签" in client.get(response["Location"]).content.decode()
    issue.refresh_from_db()
    assert issue.state == IssueState.DRAFTING


def test_contributors_cannot_act_on_issues(client, contributor, composed_issue):
    response = login(client, contributor).post(reverse("issue_action", args=[composed_issue.pk]), {"action": "submit_for_review"})
    assert response.status_code == 403


def test_composer_forms_carry_the_csrf_token_and_version(client, editor, composed_issue):
    text = login(client, editor).get(compose_url(composed_issue)).content.decode()
    assert text.count("csrfmiddlewaretoken") >= 3
    assert f'name="version" value="{composed_issue.version}"' in text


def test_the_composer_has_no_inline_scripts(client, editor, composed_issue):
    text = login(client, editor).get(compose_url(composed_issue)).content.decode()
    assert "<script>" not in text and "onclick" not in text
    assert "js/composer.js" in text and "js/render_job.js" in text


def test_unplaced_items_keep_no_issue_after_a_composer_save(client, editor, composed_issue):
    placed = list(composed_issue.ordered_items())
    login(client, editor).post(compose_url(composed_issue), items_post(composed_issue, placed[:1]))
    assert Item.objects.filter(issue=composed_issue).count() == 1
