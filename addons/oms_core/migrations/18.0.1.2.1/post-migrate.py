# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.1: holds remember whether the system closed them
(``oms.order.hold.auto_released``). The prepayment re-check holds again the
orders whose hold the system released once the payment no longer covers
them, and leaves alone those a person let go: the holds closed before the
field existed need their value.

Before 18.0.1.2.0 the engine closed holds only when their rule stopped
matching, always with the comment below (in English: the engine's text was
never translated); a person's release or cancellation needs a comment of
their own. Idempotent: holds already marked, or closed by a person, are left
as they are."""

ENGINE_COMMENT = "The rule no longer applies."


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE oms_order_hold SET auto_released = TRUE
         WHERE state IN ('released', 'cancelled')
           AND auto_released IS NOT TRUE
           AND release_comment = %s
        """,
        [ENGINE_COMMENT],
    )
