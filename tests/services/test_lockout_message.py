"""A locked-out Headteacher is pointed to someone who can help."""

from __future__ import annotations

import pytest


def test_a_locked_out_headteacher_is_not_told_to_ask_the_headteacher(services):
    from apdesk.services import staff
    from apdesk.services.staff import SignInRefused

    for _ in range(10):
        with pytest.raises(SignInRefused):
            staff.sign_in(services, "head", "not the password")
    with pytest.raises(SignInRefused, match="ask another Headteacher"):
        staff.sign_in(services, "head", "not the password")
