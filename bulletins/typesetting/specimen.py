"""A specimen 上街信息 issue (text written for the project) for benchmarks and print tests.

``make_specimen_issue`` writes rows (units, users, items, an issue) and is meant
for a test database or a transaction that is rolled back afterwards.
"""

import datetime

from django.contrib.auth import get_user_model

SERIES_TITLE = "凝心聚力 真抓实干 奋力推动全区高质量发展开新局（三）"

EDITOR_NOTE = (
    "今年以来，全区各单位围绕年度目标任务，坚持问题导向，狠抓工作落实，"
    "涌现出一批好经验好做法。本期选编部分单位工作动态，供各单位学习借鉴。"
)

LEAD_TITLE = "区长韩喆调研重点项目建设和安全生产工作"
LEAD_PARAGRAPHS = [
    "3月12日，区长韩喆深入重点项目建设现场和部分企业，调研项目推进和安全生产工作。区领导张志堃参加调研。",
    "韩喆先后来到智能装备产业园、滨河路改造工程、第二污水处理厂等处，详细察看工程进度、施工组织和安全措施落实情况，"
    "听取项目负责人关于用工、资金、原材料供应等方面的汇报，现场协调解决存在的困难和问题。",
    "韩喆指出，项目建设是稳增长、调结构、惠民生的重要抓手，各责任单位要倒排工期、挂图作战，"
    "全力以赴加快项目建设进度，确保“开工一批、投产一批、达效一批”。要牢固树立安全发展理念，"
    "压紧压实企业主体责任、部门监管责任和属地管理责任，深入开展隐患排查整治，坚决防范遏制各类生产安全事故发生。",
]

RUN_IN_ITEMS = [
    (
        "区发改委“四个强化”推动项目提速增效",
        "区发改委",
        [
            "一是强化谋划储备。围绕产业升级、城市更新、民生改善等领域，谋划储备项目86个，总投资312.5亿元。"
            "二是强化要素保障。建立用地、资金、能耗等要素保障台账，协调解决项目推进中的问题27个。"
            "三是强化督导考核。实行“周调度、月通报、季观摩”制度，对进度滞后的项目及时预警。"
            "四是强化服务质效。推行项目代办帮办服务，审批时限平均压缩40%以上。",
        ],
    ),
    (
        "工业路街道“网格+志愿”提升基层治理水平",
        "工业路街道",
        [
            "该街道将辖区划分为48个网格，每个网格配备1名网格长、2名网格员和若干志愿者，"
            "建立“发现—上报—处置—反馈”闭环机制，推动小事不出网格、大事不出社区。",
            "截至目前，共收集居民诉求1260余件，办结率达到98.6%，群众满意度明显提升。",
        ],
    ),
    (
        "区人社局多措并举稳就业保民生",
        "区人社局",
        [
            "该局聚焦高校毕业生、农民工、就业困难人员等重点群体，举办线上线下招聘会15场，"
            "提供就业岗位3200余个；开展职业技能培训21期，培训人员960人次；发放稳岗返还资金"
            "186万元，惠及企业142家。同时，开通12333政策咨询热线，安排专人解答群众疑问，"
            "做到“件件有回音、事事有着落”。",
        ],
    ),
    (
        "峡窝镇持续改善农村人居环境",
        "峡窝镇",
        [
            "该镇以“三清一改”为重点，组织党员干部、志愿者开展村庄清洁行动，清理生活垃圾和杂物"
            "560余吨，拆除残垣断壁32处，新建小游园5个、文化广场3个，村容村貌焕然一新。"
            "建立“门前三包”长效管护机制，定期评选“美丽庭院”，引导群众从“要我干”转变为“我要干”。",
        ],
    ),
    (
        "区市场监管局守护群众“舌尖上的安全”",
        "区市场监管局",
        [
            "该局以学校食堂、农贸市场、大型商超为重点，开展食品安全专项检查，出动执法人员"
            "430人次，检查经营主体1180家次，责令整改问题67个，立案查处违法案件9起。"
            "依托12315平台受理投诉举报158件，按时办结率100%，为消费者挽回经济损失"
            "12.6万元。",
        ],
    ),
    (
        "区住建局扎实推进老旧小区改造",
        "区住建局",
        [
            "今年全区计划改造老旧小区23个，涉及居民3860户。该局坚持“先民生后提升”原则，"
            "优先实施水、电、气、暖等基础设施改造，同步推进加装电梯、增设停车位、完善养老托育设施等提升类项目。",
            "在改造过程中，广泛征求居民意见，实行“一区一策”，确保改造工作顺民意、得民心。目前，"
            "已开工小区19个，开工率82.6%，完成投资1.36亿元。",
        ],
    ),
]

UNITS = [
    ("上街区发展和改革委员会", "区发改委"),
    ("工业路街道办事处", "工业路街道"),
    ("上街区人力资源和社会保障局", "区人社局"),
    ("峡窝镇人民政府", "峡窝镇"),
    ("上街区市场监督管理局", "区市场监管局"),
    ("上街区住房和城乡建设局", "区住建局"),
]

DISTRIBUTION = [
    ("send", ["区县处级领导"]),
    ("issue", ["峡窝镇", "各街道办事处", "区直各单位负责同志"]),
]


def make_specimen_issue(*, repeat=1, state="drafting", number=9, year=2024, slug="xinxi"):
    """Create a bulletin issue with a lead item and ``repeat`` rounds of run-in items.

    ``repeat=1`` fills about two pages; ``repeat=3`` about five.
    """
    from ..models import (
        Issue,
        IssueDistribution,
        IssueEditor,
        Item,
        ItemState,
        Publication,
        RecipientGroup,
        Unit,
    )

    publication, _ = Publication.objects.get_or_create(
        slug=slug,
        defaults=dict(name="上街信息", kind=Publication.Kind.BULLETIN, issuing_line="中共上街区委办公室"),
    )
    users = get_user_model().objects
    author, _ = users.get_or_create(username="specimen-author", defaults={"last_name": "王", "first_name": "晓"})
    editors = []
    for username, last, first in (("specimen-editor-1", "郝", "婕"), ("specimen-editor-2", "李", "德昭")):
        user, _ = users.get_or_create(username=username, defaults={"last_name": last, "first_name": first})
        editors.append(user)
    units = {}
    for name, short in UNITS:
        units[short], _ = Unit.objects.get_or_create(name=name, defaults={"short_name": short})

    issue = Issue.objects.create(
        publication=publication, year=year, number=number,
        total_number=publication.total_number_offset + 1000 + number,
        issue_date=datetime.date(year, 3, 15), series_title=SERIES_TITLE, editor_note=EDITOR_NOTE,
    )
    issue.state = state
    issue.save()
    for order, user in enumerate(editors):
        IssueEditor.objects.create(issue=issue, user=user, order=order)
    order = 0
    for kind, names in DISTRIBUTION:
        for name in names:
            group, _ = RecipientGroup.objects.get_or_create(name=name)
            IssueDistribution.objects.create(issue=issue, kind=kind, group=group, order=order)
            order += 1

    def add(title, unit, paragraphs, position, lead=False, attribution=None):
        item = Item(
            unit=unit, author=author, title=title, issue=issue, position=position, is_lead=lead,
            body="".join(f"<p>{p}</p>" for p in paragraphs),
        )
        if attribution is not None:
            item.attribution = attribution
        item.state = ItemState.ACCEPTED
        item.save()
        return item

    add(LEAD_TITLE, units["区发改委"], LEAD_PARAGRAPHS, 0, lead=True, attribution="")
    position = 1
    for round_ in range(repeat):
        for title, short, paragraphs in RUN_IN_ITEMS:
            add(title if round_ == 0 else f"{title}（{round_ + 1}）", units[short], paragraphs, position)
            position += 1
    return issue
