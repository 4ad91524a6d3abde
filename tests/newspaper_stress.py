"""Stress issues of 上街时讯, shapes a layout editor meets: a 9,000-character
lead, eight briefs with three photos on one page, more content than pages,
portrait photos, a table and a list, names at line ends, an empty declared
page, a sixteen-page issue. The text is written here (from ``PHRASES``).

Each builder takes (publication, unit, author) and returns an Issue; they
write rows, so call them inside a transaction that is rolled back (the
``check_newspaper`` command does) or inside a test.
"""

import datetime
import io

from django.core.files.base import ContentFile
from PIL import Image

from bulletins.models import Issue, ItemImage, ItemState, Page

from . import factories
from .newspaper_builders import paragraph

NAMES = ["陈晨", "崔玉琳", "王卫锋", "杨帆", "刘洋", "孙悦", "欧阳明月", "赵敏", "李静", "周俊英"]


def _photo(seed, size):
    image = Image.new("RGB", size, ((seed * 53) % 256, (seed * 97) % 256, 150))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return ContentFile(out.getvalue())


class _Issue:
    """Builds one issue: pages, then stories placed on them in order."""

    def __init__(self, publication, unit, author, pages, number=1):
        self.unit, self.author = unit, author
        # The next free numbers: the commands also build these issues in a demo database.
        numbers = Issue.objects.filter(publication=publication)
        number = max(number, 1 + max(numbers.filter(year=2020).values_list("number", flat=True), default=0))
        total = 1 + max(numbers.values_list("total_number", flat=True), default=publication.total_number_offset)
        self.issue = factories.make_issue(
            publication, number=number, total_number=total, issue_date=datetime.date(2020, 12, 20)
        )
        self.pages = {}
        for n, name in pages:
            self.pages[n] = Page.objects.create(issue=self.issue, number=n, name=name, slogan="")
        self.positions = {}
        self.seed = 0

    def story(self, page, title, paragraphs, photos=(), **fields):
        body = "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paragraphs)
        jump = fields.pop("jump_to", None)
        item = factories.make_item(self.unit, self.author, title=title, body=body, state=ItemState.ACCEPTED, **fields)
        item.issue, item.page = self.issue, self.pages[page]
        item.position = self.positions.get(page, 0)
        self.positions[page] = item.position + 1
        if jump:
            item.jump_to_page = self.pages[jump]
        item.save()
        for order, (caption, credit, size) in enumerate(photos):
            self.seed += 1
            image = ItemImage(item=item, caption=caption, credit=credit, order=order)
            image.image.save(f"stress-{item.pk}-{order}.jpg", _photo(self.seed, size), save=False)
            image.save()
        return item

    def done(self):
        return Issue.objects.get(pk=self.issue.pk)


LANDSCAPE = (1200, 800)
PORTRAIT = (800, 1200)


def _chars(n, story=1):
    """Paragraphs of ``n`` characters in all (the last one cut short, ending in 。)."""
    out, number = [], 1
    while sum(len(p) for p in out) < n:
        out.append(paragraph(story, number, 5))
        number += 1
    excess = sum(len(p) for p in out) - n
    if excess and len(out[-1]) - excess > 20:
        out[-1] = out[-1][: len(out[-1]) - excess - 1] + "。"
    elif excess:
        out.pop()
    return out


def long_lead(publication, unit, author):
    """A 9,000-character lead on a four-page issue with shorter stories around it."""
    b = _Issue(publication, unit, author, [(1, "要闻"), (2, "综合"), (3, "民生"), (4, "文化")])
    b.story(1, "全区经济社会发展大会召开", _chars(9000, 1), photos=[("大会现场。", "刘洋", LANDSCAPE)],
            kicker="凝心聚力 开拓进取", is_lead=True, byline="记者 张明 崔玉琳", byline_position="end",
            short_headline="经济社会发展大会")
    b.story(1, "区政协召开常委会议", _chars(500, 2), dateline="本报讯(记者 刘洋 通讯员 陈晨)")
    for n in range(2, 5):
        b.story(n, f"第{n}版头条稿件讲述基层治理新成效", _chars(2200, n + 2), photos=[("现场。", NAMES[n], LANDSCAPE)],
                is_lead=True, byline=f"本报记者 {NAMES[n]}", byline_position="top")
        b.story(n, "社区开展志愿服务活动", _chars(700, n + 6), dateline=f"本报讯(记者 {NAMES[n + 1]} 通讯员 {NAMES[n + 2]})")
        b.story(n, "夜校课程受居民欢迎", _chars(450, n + 8), dateline=f"本报讯(记者 {NAMES[n]})")
    return b.done()


def briefs_with_photos(publication, unit, author):
    """Eight briefs, three with photos, on one page (two pages declared)."""
    b = _Issue(publication, unit, author, [(1, "要闻"), (2, "综合")])
    b.story(1, "全区召开重点项目推进会", _chars(1500, 1), is_lead=True, byline="记者 赵敏", byline_position="end",
            photos=[("推进会现场。", "赵敏", LANDSCAPE)])
    b.story(1, "区政协召开常委会议", _chars(700, 11), dateline="本报讯(记者 刘洋 通讯员 陈晨)")
    b.story(1, "区人大常委会开展执法检查", _chars(600, 12), dateline="本报讯(记者 李静)")
    b.story(2, "服务窗口跑出加速度", _chars(700, 2), is_lead=True, kicker="优化营商环境", byline="本报记者 李静", byline_position="top",
            photos=[("窗口工作人员为群众办理业务。", "周俊英", LANDSCAPE)])
    titles = ["人社局送岗位进社区", "图书馆延长开放时间", "消防安全进校园", "老年大学春季开学",
              "农贸市场完成改造", "公交新增两条线路", "社区食堂开到家门口", "口袋公园建成开放"]
    for n, title in enumerate(titles):
        photos = [(f"{title}现场。", NAMES[n], LANDSCAPE)] if n in (1, 4, 6) else []
        b.story(2, title, _chars(140 + 25 * n, n + 3), photos=photos, column_label="部门动态" if n < 4 else "",
                dateline=f"本报讯(记者 {NAMES[n]} 通讯员 {NAMES[-n - 1]})")
    return b.done()


def more_than_pages(publication, unit, author):
    """Two pages declared, some four pages of content."""
    b = _Issue(publication, unit, author, [(1, "要闻"), (2, "综合")])
    b.story(1, "全区召开高质量发展推进会", _chars(3000, 1), is_lead=True, photos=[("会议现场。", "杨帆", LANDSCAPE)],
            byline="记者 张明", byline_position="end", short_headline="高质量发展推进会")
    for n in range(6):
        b.story(1 + n % 2, f"重点工作扎实推进第{n + 1}篇", _chars(1400, n + 2), dateline=f"本报讯(记者 {NAMES[n]})",
                photos=[("现场。", NAMES[n], LANDSCAPE)] if n % 3 == 0 else [])
    return b.done()


def portrait_photos(publication, unit, author):
    """Portrait photos: a lead's, a feature's and a 149-character brief's."""
    b = _Issue(publication, unit, author, [(1, "要闻"), (2, "人物")])
    b.story(1, "劳动模范事迹报告会举行", _chars(1300, 1), is_lead=True, photos=[("报告会上，劳模代表发言。", "孙悦", PORTRAIT)],
            byline="记者 孙悦", byline_position="end")
    b.story(1, "社区书记的一天", _chars(600, 2), photos=[("毕素珍在工作中。", "刘斐", PORTRAIT)],
            byline="本报记者 刘斐 文图", byline_position="top")
    brief = paragraph(3, 1, 3)[:149]
    b.story(1, "志愿者走进敬老院", [brief], photos=[("志愿者为老人理发。", "杨帆", PORTRAIT)], dateline="本报讯(通讯员 杨帆)")
    b.story(2, "老手艺人的慢时光", _chars(1900, 4), is_lead=True, photos=[("竹编艺人在编织。", "欧阳明月", PORTRAIT),
                                                                  ("竹编作品。", "欧阳明月", LANDSCAPE)],
            byline="本报记者 欧阳明月 文图", byline_position="top")
    b.story(2, "阅读月活动启动", _chars(600, 5), dateline="本报讯(记者 孙悦 通讯员 高远)")
    return b.done()


TABLE = (
    "<table><thead><tr><th>项目</th><th>一季度</th><th>同比增长</th></tr></thead><tbody>"
    "<tr><td>地区生产总值</td><td>86.5亿元</td><td>6.8%</td></tr>"
    "<tr><td>规上工业增加值</td><td>31.2亿元</td><td>8.2%</td></tr>"
    "<tr><td>固定资产投资</td><td>22.7亿元</td><td>11.5%</td></tr></tbody></table>"
)
LIST = "<ul><li>加快项目建设进度</li><li>推动产业转型升级</li><li>持续优化营商环境</li></ul>"


def table_and_list(publication, unit, author):
    """A story with a table and a bulleted list."""
    b = _Issue(publication, unit, author, [(1, "要闻"), (2, "综合")])
    b.story(1, "一季度经济运行情况", [paragraph(1, 1, 4), TABLE, paragraph(1, 2, 4), LIST, paragraph(1, 3, 3)],
            is_lead=True, byline="记者 赵敏", byline_position="end")
    b.story(1, "区统计局发布主要指标", _chars(900, 2), dateline="本报讯(记者 李静 通讯员 王卫锋)")
    b.story(2, "重点项目建设观察", _chars(2400, 3), is_lead=True, byline="本报记者 周俊英", byline_position="top")
    b.story(2, "企业服务日活动举行", _chars(800, 4), dateline="本报讯(记者 刘洋 通讯员 陈晨)")
    return b.done()


def names_and_headlines(publication, unit, author):
    """Datelines, bylines and credits whose names fall at line ends; short one-column headlines."""
    b = _Issue(publication, unit, author, [(1, "要闻")])
    b.story(1, "全区召开基层党建工作会议", _chars(1500, 1), is_lead=True, byline="记者 崔玉琳 欧阳明月", byline_position="end")
    for n in range(7):
        names = f"记者 {NAMES[n]} 通讯员 {NAMES[-n - 1]}"
        b.story(1, ["人社局送岗位进社区", "《民法典》宣传进万家", "市场监管局开展食品安全检查",
                    "全民阅读月启动", "新春送福活动", "消防演练", "社区义诊进楼院"][n],
                [("文" * n) + paragraph(n + 2, 1, 2)], dateline=f"本报讯({names})",
                photos=[("活动现场。", NAMES[n], LANDSCAPE)] if n == 2 else [])
    return b.done()


def empty_page(publication, unit, author):
    """Three pages declared, nothing placed on the third."""
    b = _Issue(publication, unit, author, [(1, "要闻"), (2, "综合"), (3, "民生")])
    b.story(1, "区委常委会召开会议", _chars(1500, 1), is_lead=True, byline="记者 赵敏", byline_position="end")
    b.story(1, "社区开展志愿服务", _chars(800, 2), dateline="本报讯(记者 刘洋)")
    b.story(2, "服务窗口跑出加速度", _chars(2400, 3), is_lead=True, byline="本报记者 李静", byline_position="top")
    b.story(2, "图书馆延长开放时间", _chars(700, 4), dateline="本报讯(记者 孙悦)")
    return b.done()


def sixteen_pages(publication, unit, author):
    """Sixteen pages, each with a lead, a photo and three shorter stories."""
    b = _Issue(publication, unit, author, [(n, f"第{n}版") for n in range(1, 17)])
    for n in range(1, 17):
        b.story(n, f"第{n}版头条稿件讲述发展新成效", _chars(800 if n == 1 else 1300, n), is_lead=True, photos=[("现场。", NAMES[n % 10], LANDSCAPE)],
                byline=f"本报记者 {NAMES[n % 10]}", byline_position="top")
        for k in range(3):
            b.story(n, f"基层工作扎实推进第{k + 1}篇", _chars(250 + 100 * k, n + k + 1), dateline=f"本报讯(记者 {NAMES[(n + k) % 10]})")
    return b.done()


STRESS_ISSUES = {
    "long-lead": long_lead,
    "briefs-photos": briefs_with_photos,
    "more-than-pages": more_than_pages,
    "portrait": portrait_photos,
    "table-list": table_and_list,
    "names-headlines": names_and_headlines,
    "empty-page": empty_page,
    "sixteen-pages": sixteen_pages,
}
