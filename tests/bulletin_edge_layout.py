"""Rendering the edge issues (bulletins.typesetting.edge_issues) for the print tests."""

import pytest

from bulletins.typesetting import edge_issues
from bulletins.typesetting.bulletin import typeset_bulletin


@pytest.fixture
def page_one(db):
    """Body lines page 1 holds under the furniture (the edge issues are sized with it)."""
    return edge_issues.first_page_lines()


def typeset(issue):
    return typeset_bulletin(issue, final=True)
