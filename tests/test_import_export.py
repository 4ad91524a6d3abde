"""import_issue / export_issue: the documented JSON format, its validation and the round trip."""

import copy
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from bulletins.interchange import IssueFormatError, export_issue, import_issue
from bulletins.models import Issue, IssueState, Item, ItemRevision, ItemState, RecipientGroup, Role, WorkflowLog

from . import factories

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "issue.json"


@pytest.fixture
def example():
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def newsroom(db, editor, responsible_editor):
    """What the example file refers to: the bulletin, its units and responsible editors."""
    factories.make_bulletin()
    factories.make_unit(name="上街区应急管理局", short_name="区应急管理局")
    factories.make_unit(name="中心路街道办事处", short_name="中心路街道")
    factories.make_unit(name="上街区人力资源和社会保障局", short_name="区人社局")
    factories.make_user("zeren2", Role.RESPONSIBLE_EDITOR, full_name="王建国")
    return editor


def nothing_written():
    return not Issue.objects.exists() and not Item.objects.exists() and not RecipientGroup.objects.exists()


def test_the_documented_example_imports_as_a_drafting_issue_with_accepted_placed_items(newsroom, example):
    issue = import_issue(example, newsroom)

    assert (issue.year, issue.number, issue.total_number) == (2025, 9, 9)
    assert issue.state == IssueState.DRAFTING
    assert issue.series_title == "夏季安全生产大检查专刊（二）"
    assert [u.username for u in issue.ordered_editors()] == ["zeren", "zeren2"]
    assert issue.distribution_lines() == [
        ("送", ["区县处级领导", "市委办公厅信息科"]),
        ("发", ["区委各部委", "峡窝镇", "各街道办事处", "区直各单位"]),
    ]
    items = list(issue.ordered_items())
    assert [i.title for i in items] == [e["title"] for e in example["items"]]
    assert all(i.state == ItemState.ACCEPTED for i in items)
    assert [i.is_lead for i in items] == [True, False, False]
    assert items[0].body.startswith("<p>6月10日，区应急管理局")
    assert items[1].attribution == "中心路街道" and items[1].unit.short_name == "中心路街道"


def test_import_goes_through_the_workflow_and_keeps_the_imported_text_as_a_revision(newsroom, example):
    issue = import_issue(example, newsroom)
    item = issue.ordered_items().first()

    assert WorkflowLog.objects.filter(item=item, action="accept", actor=newsroom).exists()
    assert item.revisions.filter(reason=ItemRevision.Reason.IMPORT).count() == 1


def test_export_then_import_into_a_fresh_database_then_export_gives_the_same_json(newsroom, example):
    # a fresh database: the first import is rolled back, only the reference data
    # the file refers to remains (logs are append-only, so nothing is deleted)
    class RolledBack(Exception):
        pass

    try:
        with transaction.atomic():
            first = export_issue(import_issue(example, newsroom))
            raise RolledBack
    except RolledBack:
        pass
    assert not Item.objects.exists() and not Issue.objects.exists() and not RecipientGroup.objects.exists()

    second = export_issue(import_issue(json.loads(json.dumps(first)), newsroom))

    assert second == first
    assert first["items"][0]["paragraphs"] == example["items"][0]["paragraphs"]


def test_newspaper_fields_and_pages_survive_the_round_trip(db, editor, unit):
    factories.make_newspaper()
    data = {
        "publication": "shixun", "year": 2025, "number": 3, "issue_date": "2025-05-20",
        "pages": [{"number": 1, "name": "要闻", "slogan": ""}, {"number": 2, "name": "综合", "slogan": "节约用水 从我做起"}],
        "items": [{
            "title": "区里新建三处口袋公园", "paragraphs": ["五月下旬，三处口袋公园向市民开放。"],
            "unit": "区发改委", "lead": True, "page": 2, "kicker": "城市更新进行时", "subhead": "——见缝插绿记",
            "dateline": "本报讯(记者 田野 通讯员 方圆)", "byline": "", "byline_position": "", "column_label": "民生",
            "column_span": 2,
        }],
    }
    exported = export_issue(import_issue(data, editor))

    assert exported["total_number"] == 628  # continues after the publication's offset of 627
    assert exported["pages"] == data["pages"]
    entry = exported["items"][0]
    assert (entry["page"], entry["kicker"], entry["subhead"], entry["column_label"]) == (2, "城市更新进行时", "——见缝插绿记", "民生")
    assert entry["dateline"] == "本报讯(记者 田野 通讯员 方圆)"
    assert entry["column_span"] == 2


def test_the_short_headline_and_the_chosen_jump_page_survive_the_round_trip(db, editor, unit):
    factories.make_newspaper()
    data = {
        "publication": "shixun", "year": 2025, "number": 4, "issue_date": "2025-05-27",
        "pages": [{"number": n, "name": "", "slogan": ""} for n in (1, 2, 3)],
        "items": [{
            "title": "全区重点项目建设现场推进会召开", "paragraphs": ["会议现场观摩了十个重点项目。"], "unit": "区发改委",
            "lead": True, "page": 1, "short_headline": "重点项目推进会", "jump_to_page": 3,
        }],
    }
    entry = export_issue(import_issue(data, editor))["items"][0]
    assert (entry["short_headline"], entry["jump_to_page"]) == ("重点项目推进会", 3)


def test_a_jump_page_before_the_story_is_refused(db, editor, unit):
    factories.make_newspaper()
    data = {
        "publication": "shixun", "year": 2025, "number": 5, "issue_date": "2025-05-27",
        "pages": [{"number": n, "name": "", "slogan": ""} for n in (1, 2)],
        "items": [{"title": "标题", "paragraphs": ["正文。"], "unit": "区发改委", "page": 2, "jump_to_page": 1}],
    }
    with pytest.raises(IssueFormatError, match="jump_to_page"):
        import_issue(data, editor)


def test_script_in_imported_paragraphs_is_stripped(newsroom, example):
    example["items"][1]["paragraphs"] = ['正文<script>alert(1)</script><img src="x" onerror="alert(2)">结束']
    issue = import_issue(example, newsroom)
    body = issue.ordered_items()[1].body

    assert "script" not in body and "onerror" not in body and "alert" not in body
    assert body.startswith("<p>正文")


def broken(example, path, value):
    data = copy.deepcopy(example)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    "path, value, words",
    [
        (["publication"], "xinxii", ["publication", "xinxii", "不存在"]),
        (["year"], "2025", ["year", "正整数"]),
        (["number"], KeyError, ["number", "缺失"]),
        (["issue_date"], "2025-6-31", ["issue_date", "不是有效日期"]),
        (["issue_date"], "2024-06-12", ["issue_date", "不一致"]),
        (["responsible_editors"], ["zeren", "bianji"], ["responsible_editors", "bianji", "不是责任编辑"]),
        (["responsible_editors"], ["查无此人"], ["responsible_editors", "查无此人"]),
        (["distribution", "转"], ["区直各单位"], ["distribution", "转"]),
        (["items", 2, "unit"], "区环保局", ["items[3].unit", "区环保局", "不存在"]),
        (["items", 1, "title"], "  ", ["items[2].title", "不能为空"]),
        (["items", 1, "paragraphs"], [], ["items[2].paragraphs", "至少一段"]),
        (["items", 1, "lead"], True, ["头条"]),
        (["items", 0, "page"], 2, ["items[1].page", "只适用于报纸"]),
        (["items", 0, "color"], "红", ["第1篇稿件", "color"]),
    ],
)
def test_invalid_input_is_rejected_naming_the_field_and_nothing_is_written(newsroom, example, path, value, words):
    with pytest.raises(IssueFormatError) as excinfo:
        import_issue(broken(example, path, value), newsroom)

    for word in words:
        assert word in str(excinfo.value)
    assert nothing_written()


def test_an_issue_number_already_taken_is_refused(newsroom, example):
    import_issue(example, newsroom)
    again = dict(example, total_number=10)

    with pytest.raises(IssueFormatError, match="第9期已存在"):
        import_issue(again, newsroom)
    assert Issue.objects.count() == 1


def test_only_editors_may_import(newsroom, example, contributor):
    with pytest.raises(IssueFormatError, match="不是编辑"):
        import_issue(example, contributor)
    assert nothing_written()


def test_commands_import_a_file_and_export_it_back(newsroom, example, tmp_path):
    out = StringIO()
    call_command("import_issue", str(EXAMPLE), "--user", newsroom.username, stdout=out)
    assert "已导入" in out.getvalue()

    target = tmp_path / "out.json"
    call_command("export_issue", "xinxi", "2025", "9", "-o", str(target), stderr=StringIO())
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported["series_title"] == example["series_title"]
    assert [i["title"] for i in exported["items"]] == [i["title"] for i in example["items"]]


def test_import_command_reports_bad_json_and_bad_fields_in_chinese(newsroom, example, tmp_path):
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"publication": "xinxi",', encoding="utf-8")
    with pytest.raises(CommandError, match="不是有效的 JSON"):
        call_command("import_issue", str(bad_json), "--user", newsroom.username)

    bad_field = tmp_path / "bad-field.json"
    bad_field.write_text(json.dumps(broken(example, ["publication"], "nope"), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="导入失败，未写入任何内容：字段“publication”"):
        call_command("import_issue", str(bad_field), "--user", newsroom.username)
    assert nothing_written()


def test_export_command_names_a_missing_issue(db, bulletin):
    with pytest.raises(CommandError, match="找不到刊物“xinxi”2030年第1期"):
        call_command("export_issue", "xinxi", "2030", "1")
