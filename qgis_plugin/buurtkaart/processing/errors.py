"""How an algorithm stops: a database refusal or a cancel becomes the QgsProcessingException the dialog shows,
with the same Dutch wording in every algorithm."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from qgis.core import QgsProcessingException, QgsProcessingFeedback

from ..connection import DatabaseRefused

# work that goes to the database as one script is all or nothing, so a cancel before the call changes nothing
CANCELLED = "Afgebroken: er is niets gewijzigd."


def stop_if_cancelled(feedback: QgsProcessingFeedback) -> None:
    if feedback.isCanceled():
        raise QgsProcessingException(CANCELLED)


@contextmanager
def refusal_as_error(prefix: str = "") -> Iterator[None]:
    """The database's own message of a refusal inside the block, after `prefix: ` (what failed) when given."""
    try:
        yield
    except DatabaseRefused as exc:
        raise QgsProcessingException(f"{prefix}: {exc}" if prefix else str(exc)) from exc
