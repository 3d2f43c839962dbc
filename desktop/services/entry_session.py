"""One operator keying paper forms into one round: the entry form's use-case (no Qt).

An `EntrySession` knows whether it is keying a new form or editing a stored one, checks a
form number the moment it is typed (used in the round? outside its range?), times the
form, and saves through `FormService` (validation + write + audit in one transaction).
"""

from __future__ import annotations

import time
from typing import Iterable, Mapping

from ..domain.messages import message
from ..storage import round_store
from ..storage.response_store import StoredForm
from .form_service import FormChange, FormRefused, FormService


class EntrySession:
    """New-form or edit state of the entry form."""

    def __init__(self, service: FormService, round_uuid: str | None,
                 clock=time.monotonic):
        self.service = service
        self.round_uuid = round_uuid
        self.editing: StoredForm | None = None
        self._clock = clock
        self._started = clock()

    # -- state ---------------------------------------------------------------------------
    def start_new(self) -> None:
        """Key a new form next."""
        self.editing = None
        self._started = self._clock()

    def start_edit(self, uuid: str) -> StoredForm:
        """Edit a stored form; FormRefused when it does not exist or was deleted."""
        stored = self.service.load(uuid)
        if stored is None or stored.response.status == "deleted":
            raise FormRefused(message("form_no_form", self.service.lang))
        self.editing = stored
        self.round_uuid = stored.response.round_uuid
        self._started = self._clock()
        return stored

    @property
    def needs_reason(self) -> bool:
        """Saving changes needs a reason (the form being edited was verified)."""
        return self.editing is not None and self.editing.response.status == "verified"

    # -- checks --------------------------------------------------------------------------
    def form_number_problem(self, text: str) -> str | None:
        """Why the typed form number cannot be used, or None when it can."""
        lang = self.service.lang
        text = text.strip()
        if not text:
            return message("required", lang)
        if not text.isdigit() or len(text) > 9:  # paper form numbers, not 20-digit typos
            return message("not_integer", lang)
        number = int(text)
        if self.round_uuid is None:
            return message("form_no_round", lang)
        round_ = round_store.get_round(self.service.db.conn, self.round_uuid)
        if round_ is None:
            return message("form_no_round", lang)
        low, high = round_.form_min, round_.form_max
        if (low is not None and number < low) or (high is not None and number > high):
            return message("form_number_range", lang, n=number, low=low, high=high)
        except_uuid = self.editing.response.uuid if self.editing else None
        if self.service.form_number_taken(self.round_uuid, number, except_uuid):
            return message("form_duplicate", lang, n=number)
        return None

    # -- saving --------------------------------------------------------------------------
    def save(self, form_number: int, answers: Mapping[str, str], *, draft: bool = False,
             confirmed: Iterable[str] = (), keystrokes: int = 0,
             reason: str = "") -> FormChange:
        """Store the form (new or edited); FormRefused says why it was not saved."""
        confirmed = tuple(confirmed)
        if self.editing is None:
            if self.round_uuid is None:
                raise FormRefused(message("form_no_round", self.service.lang))
            change = self.service.save_new(
                self.round_uuid, form_number, answers, draft=draft, confirmed=confirmed,
                keystrokes=keystrokes, entry_seconds=round(self._clock() - self._started, 1))
        else:
            was_draft = self.editing.response.status == "draft"
            change = self.service.update(
                self.editing.response.uuid, answers, reason=reason, confirmed=confirmed,
                draft=draft if was_draft else False, form_number=form_number)
        self.start_new()
        return change
