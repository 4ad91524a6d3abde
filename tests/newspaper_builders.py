"""A newspaper issue for the print tests: four pages, text written here, small
generated photos, page 1 overfull so that stories jump."""

import datetime
import io
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from PIL import Image

from bulletins.models import Issue, ItemImage, ItemState, Page

from . import factories

PHRASES = [
    "全区上下认真落实各项部署", "扎实推进重点项目建设", "持续优化营商环境", "着力解决群众急难愁盼问题",
    "推动产业转型升级", "加强基层治理能力建设", "筑牢安全生产防线", "促进经济社会平稳健康发展",
    "深入开展调查研究", "确保各项任务落到实处", "不断增强群众获得感", "凝聚干事创业强大合力",
]


# Inline bold and italic, as editors mark them in the body.
STYLED_PARAGRAPH = "活动期间，<strong>全区图书馆延长开放时间</strong>，并推出<em>亲子共读</em>等系列活动。"
BOLD_TEXT, ITALIC_TEXT = "全区图书馆延长开放时间", "亲子共读"


def paragraph(story, number, sentences=4):
    """A paragraph whose text says where it belongs (第2篇第3段), so that misplaced pieces show."""
    parts = [f"第{story}篇第{number}段，"]
    for s in range(sentences):
        parts.append("，".join(PHRASES[(story * 7 + number * 3 + s + k) % len(PHRASES)] for k in range(3)) + "。")
    return "".join(parts)


def photo_file(seed, size=(1200, 800)):
    image = Image.new("RGB", size, ((seed * 70) % 256, 120, 200 - seed * 20 % 200))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return ContentFile(out.getvalue())


def add_photo(item, seed, caption, credit):
    image = ItemImage(item=item, caption=caption, credit=credit)
    image.image.save(f"test-{item.pk}-{seed}.jpg", photo_file(seed), save=False)
    image.save()
    return image


def make_newspaper_issue(publication, unit, author):
    """Issue 第7期(总第634期) of 2020-02-29 with stories on four pages."""
    issue = factories.make_issue(publication, number=7, total_number=634, issue_date=datetime.date(2020, 2, 29))
    pages = {}
    for number, name, slogan in [(1, "要闻", ""), (2, "综合", "创建文明城市 共建美好家园"), (3, "民生", ""), (4, "文化", "")]:
        pages[number] = Page.objects.create(issue=issue, number=number, name=name, slogan=slogan)

    def story(page, position, title, paragraphs, **fields):
        body = "".join(f"<h3>{p[2:]}</h3>" if p.startswith("# ") else f"<p>{p}</p>" for p in paragraphs)
        item = factories.make_item(unit, author, title=title, body=body, state=ItemState.ACCEPTED, **fields)
        item.issue, item.page, item.position = issue, pages[page], position
        item.save()
        return item

    # Page 1: a long lead with a photo, then two more long stories: it cannot all fit.
    lead = story(1, 0, "全区召开重点工作推进会", [paragraph(1, n, 6) for n in range(1, 9)],
                 kicker="真抓实干 奋勇争先", subhead="——确保全年目标任务圆满完成", is_lead=True,
                 byline="记者 张明 王丽", byline_position="end", short_headline="重点工作推进会")
    add_photo(lead, 1, "推进会现场。", "刘晨")
    story(1, 1, "区委召开专题会议研究民生实事", [paragraph(2, n, 5) for n in range(1, 8)],
          byline="记者 赵敏", byline_position="end", short_headline="专题研究民生实事")
    story(1, 2, "春季植树活动在太溪湖畔举行", [paragraph(3, n, 5) for n in range(1, 9)],
          dateline="本报讯(记者 李静 通讯员 王卫)", short_headline="春季植树活动")
    # Page 2: a feature with section subheads and a top byline; a short item with a column label.
    feature = story(2, 0, "服务窗口跑出加速度", [paragraph(4, 1), "# 一窗受理", paragraph(4, 2), paragraph(4, 3), "# 帮办代办", paragraph(4, 4)],
                    kicker="优化营商环境", subhead="——政务服务中心见闻", byline="本报记者 李静", byline_position="top", is_lead=True)
    add_photo(feature, 2, "工作人员为群众办理业务。", "周晓峰")
    story(2, 1, "市场监管局开展食品安全检查", [paragraph(5, 1, 3)], column_label="部门动态",
          dateline="本报讯(记者 刘洋 通讯员 陈晨)")
    story(2, 2, "人社局送岗位进社区", [paragraph(8, 1, 2)], column_label="部门动态",
          dateline="本报讯(记者 刘洋 通讯员 马琳)")
    # Page 3 and 4: room for jumped stories; page 4's lead is set three columns wide by the editor.
    neighbours = story(3, 0, "邻里节拉近居民距离", [paragraph(6, 1, 3), paragraph(6, 2, 3)], is_lead=True)
    add_photo(neighbours, 3, "居民一起包饺子。", "杨帆")
    story(4, 0, "非遗手艺进校园", [paragraph(7, 1, 3), paragraph(7, 2, 3)], byline="本报记者 孙悦 文图", byline_position="top",
          is_lead=True, column_span=3)
    story(4, 1, "阅读月活动启动", [paragraph(9, 1, 2), STYLED_PARAGRAPH], dateline="本报讯(记者 孙悦)")
    return Issue.objects.get(pk=issue.pk)


def render_test_newspaper(settings, tmp_path, publication, unit, author, final=True, issue=None):
    """(issue, Typeset) of the test issue, photos stored under ``tmp_path``."""
    from bulletins.typesetting.newspaper import typeset_newspaper

    settings.MEDIA_ROOT = tmp_path
    issue = issue or make_newspaper_issue(publication, unit, author)
    return issue, typeset_newspaper(issue, final=final)


@dataclass
class Rendered:
    """A rendered test issue, kept after its rows are rolled back: what read-only tests look at."""

    typeset: object  # newspaper.Typeset (pdf, plan, geometry, frames)
    photo_count: int  # photos attached to the issue's items


def render_once(django_db_blocker, media_root, final=False):
    """Build the test issue in the test database, render it, roll the rows
    back: for tests that only read the result (the caller must have the test
    database set up, e.g. through ``django_db_setup``)."""
    from bulletins.typesetting.newspaper import typeset_newspaper

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root), transaction.atomic():
        unit = factories.make_unit(name="版面测试单位", short_name="测试单位")
        author = factories.make_user("newspaper-test-author", units=[unit])
        issue = make_newspaper_issue(factories.make_newspaper(), unit, author)
        rendered = Rendered(typeset_newspaper(issue, final=final), ItemImage.objects.filter(item__issue=issue).count())
        transaction.set_rollback(True)
    return rendered


def squeeze(text):
    """Text without any whitespace (extraction inserts spaces where lines are justified)."""
    return "".join(text.split())


def piece_text(pdf, typeset, page_plan, placement):
    """The body text printed in one placement, read back from the PDF column by column."""
    geometry = typeset.geometry
    page = pdf.pages[typeset.plan.pages.index(page_plan)]
    top = geometry.body_top(page_plan.number)
    bottom = top + (placement.top + placement.height) * geometry.line
    out = []
    for column, units in enumerate(placement.columns):
        if not units:
            continue
        y0 = top + (placement.body_top + placement.column_tops[column]) * geometry.line
        x0 = geometry.column_x(placement.page_column(column))
        box = (x0 - 2, y0 - 1, x0 + geometry.column_width + 2, bottom + 1)
        out.append(squeeze(page.within_bbox(box).extract_text()))
    return "".join(out)


@pytest.fixture(scope="session")
def rendered_newspaper(django_db_setup, django_db_blocker, tmp_path_factory):
    """The test issue rendered once as a draft for the whole run: every print
    test module that only reads a rendering shares it (import this fixture)."""
    return render_once(django_db_blocker, tmp_path_factory.mktemp("newspaper-media"))
