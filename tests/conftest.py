import pytest

from bulletins.models import Role, Unit

from . import factories
from .issue_helpers import composed_issue, eager_celery, renderer  # noqa: F401  (shared fixtures)
from .newspaper_builders import rendered_newspaper  # noqa: F401  (one rendering for the whole run)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, the test database is a file, as the embedded default is: the
    concurrency tests need real locks (an in-memory database shares one cache)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")


@pytest.fixture(autouse=True)
def isolated_media(settings, tmp_path):
    """Every test stores uploads and PDFs in its own throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def unit(db):
    return factories.make_unit(name="上街区发展和改革委员会", short_name="区发改委")


@pytest.fixture
def other_unit(db):
    return factories.make_unit(name="工业路街道办事处", short_name="工业路街道", category=Unit.Category.SUBDISTRICT)


@pytest.fixture
def contributor(unit):
    return factories.make_user("tongxunyuan", Role.CONTRIBUTOR, units=[unit], full_name="王晓")


@pytest.fixture
def other_contributor(other_unit):
    return factories.make_user("tongxunyuan2", Role.CONTRIBUTOR, units=[other_unit], full_name="赵磊")


@pytest.fixture
def editor(db):
    return factories.make_user("bianji", Role.EDITOR, full_name="李德昭")


@pytest.fixture
def responsible_editor(db):
    return factories.make_user("zeren", Role.RESPONSIBLE_EDITOR, full_name="郝婕")


@pytest.fixture
def other_responsible_editor(db):
    """A responsible editor who is not listed on the test issues."""
    return factories.make_user("zeren2", Role.RESPONSIBLE_EDITOR, full_name="王建国")


@pytest.fixture
def superuser(db):
    from django.contrib.auth.models import User

    return User.objects.create_superuser("root", password="pass-1234")


@pytest.fixture
def administrator(db):
    return factories.make_user("guanli", Role.ADMINISTRATOR, full_name="陈静")


@pytest.fixture
def bulletin(db):
    return factories.make_bulletin()


@pytest.fixture
def newspaper(db):
    return factories.make_newspaper()
