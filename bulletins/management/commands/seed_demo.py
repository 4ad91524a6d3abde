"""Load demo data: both publications, fifteen units, a user for each role,
items in every state and issues in every state — all made through the same
actions and workflow the web desk uses."""

import datetime

from django.contrib.auth.models import Group, Permission, User
from django.core.management.base import BaseCommand
from django.db import transaction

from bulletins import actions, demo_content
from bulletins.models import (
    DistributionKind,
    Publication,
    PublicationDistribution,
    PublicationEditor,
    RecipientGroup,
    Role,
    Unit,
)
from bulletins.notifications.events import email_suspended
from bulletins.sanitize import text_to_html
from bulletins.workflow import apply_transition

DEMO_PASSWORD = "demo-2026"
DEMO_MAIL_DOMAIN = "example.org"  # reserved for examples: demo e-mail goes nowhere real

STAFF = [
    # username, full name, role
    ("guanli", "陈静", Role.ADMINISTRATOR),
    ("bianji", "李德昭", Role.EDITOR),
    ("bianji2", "孙悦", Role.EDITOR),
    ("zeren", "郝婕", Role.RESPONSIBLE_EDITOR),
    ("zeren2", "王建国", Role.RESPONSIBLE_EDITOR),
]


# What the 管理员 configures; everything else in the admin they may only read.
CONFIGURED_MODELS = ("unit", "recipientgroup", "publication", "publicationeditor", "publicationdistribution")


def administrator_permissions():
    """The 管理员 role: configure units, recipients, publications and user accounts;
    read the rest. No permission on roles (groups) or permissions themselves."""
    bulletins = Permission.objects.filter(content_type__app_label="bulletins")
    configure = bulletins.filter(content_type__model__in=CONFIGURED_MODELS)
    view = bulletins.filter(codename__startswith="view_")
    users = Permission.objects.filter(
        content_type__app_label="auth", codename__in=["view_user", "add_user", "change_user", "view_group"]
    )
    # The nested apps' admin pages are configuration (rule sets, notification kinds, locks).
    others = Permission.objects.filter(content_type__app_label__in=["assessment", "notifications", "presence", "accounts"])
    return list(configure | view) + list(users) + list(others)


class Command(BaseCommand):
    help = "载入演示数据（已存在时跳过），并打印演示账号。"

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="不打印演示账号")

    def handle(self, *args, **options):
        if Publication.objects.filter(slug="xinxi").exists():
            self.stdout.write("演示数据已存在，跳过载入。")
            self._seed_assessment()
            self._seed_specimen()
        else:
            with transaction.atomic(), email_suspended():  # the demo's history e-mails nobody
                self._seed()
            self.stdout.write(self.style.SUCCESS("演示数据已载入。"))
        if not options["quiet_logins"]:
            self._print_logins()

    # ------------------------------------------------------------ building

    def _seed(self):
        groups = self._roles()
        units = {}
        for order, (name, short, category) in enumerate(demo_content.UNITS):
            units[short] = Unit.objects.create(name=name, short_name=short, category=category, order=order)
        recipients = {
            name: RecipientGroup.objects.create(name=name, order=order)
            for order, name in enumerate(demo_content.RECIPIENT_GROUPS)
        }
        staff = {}
        for username, full_name, role in STAFF:
            staff[username] = self._user(username, full_name, groups[role], is_staff=role == Role.ADMINISTRATOR)
        contributors = {}
        for index, (name, short, _) in enumerate(demo_content.UNITS, start=1):
            user = self._user(f"tx{index:02d}", f"{short}通讯员", groups[Role.CONTRIBUTOR])
            units[short].members.add(user)
            contributors[short] = user

        bulletin = Publication.objects.create(
            name="上街信息", slug="xinxi", kind=Publication.Kind.BULLETIN, issuing_line="中共上街区委办公室",
            page_size=Publication.PageSize.A4, columns=1,
        )
        newspaper = Publication.objects.create(
            name="上街时讯", slug="shixun", kind=Publication.Kind.NEWSPAPER,
            issuing_line="中共上街区委宣传部传媒中心出版", english_name="SHANGJIE NEWSLETTER",
            registration_number="河南省连续性内资【审郑州连】00015号", notice="内部资料 免费交流",
            supervision_phone="67180000", page_size=Publication.PageSize.TABLOID, columns=4,
            total_number_offset=700,
        )
        for publication, signers in [(bulletin, ["zeren", "zeren2"]), (newspaper, ["zeren2"])]:
            for order, username in enumerate(signers):
                PublicationEditor.objects.create(publication=publication, user=staff[username], order=order)
        for kind, names in [
            (DistributionKind.SEND, ["区县处级领导"]),
            (DistributionKind.ISSUE, ["峡窝镇", "各街道办事处", "区直各单位"]),
        ]:
            for order, name in enumerate(names):
                PublicationDistribution.objects.create(publication=bulletin, kind=kind, group=recipients[name], order=order)

        editor = staff["bianji"]
        signer = staff["zeren"]
        items = []
        for short, title, paragraphs in demo_content.ITEMS:
            item = actions.create_item(
                contributors[short], units[short], title=title, body=text_to_html("\n".join(paragraphs))
            )
            items.append(item)

        def submit(item):
            return apply_transition(item, "submit", contributors[item.unit.short_name])

        def accept(item):
            return apply_transition(submit(item), "accept", editor)

        accepted = [accept(item) for item in items[:11]]

        # Issues in every state, oldest first so numbers follow the dates.
        specs = [
            (datetime.date(2026, 11, 6), demo_content.SERIES_TITLES[0], "", accepted[0:3], "published"),
            (datetime.date(2026, 11, 13), demo_content.SERIES_TITLES[1], demo_content.EDITOR_NOTE, accepted[3:6], "approved"),
            (datetime.date(2026, 11, 20), demo_content.SERIES_TITLES[2], "", accepted[6:8], "in_review"),
            (datetime.date(2026, 11, 27), demo_content.SERIES_TITLES[3], "", accepted[8:9], "drafting"),
        ]
        for issue_date, series_title, note, placed, target in specs:
            issue = actions.create_issue(bulletin, editor, issue_date=issue_date)
            issue = actions.update_issue(issue, editor, series_title=series_title, editor_note=note)
            actions.set_issue_items(
                issue, editor, [{"item": item, "is_lead": i == 0 and target != "drafting"} for i, item in enumerate(placed)]
            )
            if target == "drafting":
                continue
            issue = apply_transition(issue, "submit_for_review", editor)
            if target == "in_review":
                continue
            issue = apply_transition(issue, "approve", signer)
            if target == "published":
                apply_transition(issue, "publish", editor)

        # The rest of the items show every other item state.
        # accepted[9:11] stay accepted and unplaced: the composer's pool.
        submit(items[11])
        apply_transition(submit(items[12]), "return", editor, demo_content.RETURN_REASON)
        apply_transition(submit(items[13]), "decline", editor, demo_content.DECLINE_REASON)
        # items[14] stays a draft.

        self._seed_newspaper(newspaper, editor, signer, units)

        self._seed_assessment()
        self._seed_specimen()

    def _seed_specimen(self):
        """The 排版样张 issue (a draft, so it carries the 样稿 watermark); also for an existing demo database."""
        bulletin = Publication.objects.filter(slug="xinxi").first()
        editor = User.objects.filter(username="bianji").first()
        if bulletin is None or editor is None or bulletin.issues.filter(series_title=demo_content.SPECIMEN_SERIES_TITLE).exists():
            return
        with transaction.atomic(), email_suspended():
            items = []
            for short, title, body, mode in demo_content.SPECIMEN_ITEMS:
                unit = Unit.objects.get(short_name=short)
                writer = unit.members.order_by("id").first() or editor
                item = actions.create_item(writer, unit, title=title, body=body, attribution_mode=mode)
                items.append(apply_transition(apply_transition(item, "submit", writer), "accept", editor))
            issue = actions.create_issue(bulletin, editor, issue_date=datetime.date(2026, 12, 4))
            report, _ = RecipientGroup.objects.get_or_create(name="市委办公厅")
            distribution = {kind: [e.group for e in issue.distribution.filter(kind=kind).order_by("order", "id")]
                            for kind in (DistributionKind.SEND, DistributionKind.ISSUE)}
            distribution[DistributionKind.REPORT] = [report]
            issue = actions.update_issue(
                issue, editor, series_title=demo_content.SPECIMEN_SERIES_TITLE,
                editor_note=demo_content.SPECIMEN_EDITOR_NOTE, print_run=demo_content.SPECIMEN_PRINT_RUN,
                distribution=distribution,
            )
            actions.set_issue_items(issue, editor, [{"item": item, "is_lead": i == 0} for i, item in enumerate(items)])

    def _seed_assessment(self):
        """考核 rules and records; also for a demo database made before the assessment existed."""
        from bulletins.assessment.demo import seed_assessment_demo

        editor = User.objects.filter(username="bianji").first()
        if editor is not None:
            with transaction.atomic():
                seed_assessment_demo(editor)

    def _seed_newspaper(self, newspaper, editor, signer, units):
        try:
            from bulletins.demo_newspaper import build_demo_newspaper_issue
        except ImportError:
            actions.create_issue(newspaper, editor, issue_date=datetime.date(2026, 11, 21))
            return
        # Its stories are set in late March; the issue is dated to match.
        build_demo_newspaper_issue(newspaper, editor, [units["传媒中心"]], issue_date=datetime.date(2026, 3, 28))

    def _roles(self):
        groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
        groups[Role.ADMINISTRATOR].permissions.set(administrator_permissions())
        return groups

    def _user(self, username, full_name, group, is_staff=False):
        user = User.objects.create_user(
            username=username, password=DEMO_PASSWORD, email=f"{username}@{DEMO_MAIL_DOMAIN}", last_name=full_name[:1], first_name=full_name[1:],
            is_staff=is_staff,
        )
        user.groups.add(group)
        return user

    def _print_logins(self):
        self.stdout.write("")
        self.stdout.write("演示账号（密码均为 %s）：" % DEMO_PASSWORD)
        rows = [
            ("tx07", "通讯员（区发改委）"),
            ("tx02", "通讯员（工业路街道）"),
            ("bianji", "编辑"),
            ("zeren", "责任编辑"),
            ("guanli", "管理员（系统配置）"),
        ]
        for username, label in rows:
            self.stdout.write(f"  {username:<8} {label}")
