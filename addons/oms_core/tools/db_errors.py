# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Database conflicts are retried, never reported as business failures.

Batch jobs and crons isolate each record in a savepoint and queue what fails
as a fallout. A serialization failure, a deadlock or a lock timeout is no
failure of the record: the whole transaction must run again (under
REPEATABLE READ its snapshot is stale, so retrying in the same transaction
fails again). Those errors are re-raised: queue_job rolls the job back and
retries it with the job function's retry pattern as backoff; a cron rolls
back and runs again; an RPC call is retried by Odoo's service layer.
"""

import psycopg2
from psycopg2 import errors

from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY

from odoo.addons.queue_job.exception import RetryableJobError

# The same errors Odoo's RPC layer and queue_job retry (errors.* classes are
# what psycopg2 raises for these SQLSTATEs; pgcode covers plain
# OperationalErrors built from a server message).
DB_CONFLICT_ERRORS = (
    errors.SerializationFailure,
    errors.DeadlockDetected,
    errors.LockNotAvailable,
)


def is_db_conflict(error):
    """Whether ``error`` is a PostgreSQL concurrency conflict to retry."""
    return isinstance(error, DB_CONFLICT_ERRORS) or (
        isinstance(error, psycopg2.OperationalError)
        and error.pgcode in PG_CONCURRENCY_ERRORS_TO_RETRY
    )


def raise_if_db_conflict(env, error):
    """Re-raise ``error`` when it is a database conflict; do nothing else.

    Call it first in the ``except`` block of a per-record savepoint. Inside
    a queue job (``job_uuid`` in the context) the conflict becomes a
    :class:`RetryableJobError` without ``seconds``, so the job function's
    retry pattern gives the backoff and its max retries apply; elsewhere
    the original error propagates to the caller's retry (cron, RPC).
    """
    if not is_db_conflict(error):
        return
    if env.context.get("job_uuid"):
        raise RetryableJobError(
            f"Database conflict, the job is retried: {error}"
        ) from error
    raise error
