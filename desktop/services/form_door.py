"""`FormDoor`: the checks of HQ's door that need no database, for every form of a bundle.

Each form's answers against the questionnaire version its round was keyed with
(`FormGate`, the entry form's rules) and its row of responses.csv, rebuilt from the record
and hashed as it goes. The questionnaires and the rounds HQ already holds are handed in
(`parse_questionnaires` reads HQ's stored versions through a lookup), so the same checks
run inside the import's transaction (`import_gate.AnswerDoor`) or in the import's checking
process (`form_check_child`), with the same results and the same refusals. Out-of-range
values that need the operator's confirmation are collected in `pending`: only the
database can say whether the audit log holds it.

A form number must lie in its round's paper range (form_min..form_max), as the laptop
refuses it at entry: the range the bundle's round record gives, or the one HQ stored for
that round (a laptop may have widened its range since HQ stored the round, or narrowed
it since its earlier bundles: either range vouches for the number).
"""

from __future__ import annotations

from itertools import repeat
from typing import Callable, Iterable

from ..bundle.errors import BundleError
from ..bundle.records import FORM_FIELDS, MAX_NUMBER, record_values
from ..domain.form_gate import FormGate
from ..domain.form_rules import CONFIRMABLE
from ..domain.questionnaire import Questionnaire
from ..domain.questionnaire_loader import QuestionnaireError, parse_questionnaire
from .responses_hash import ResponsesHash


def parse_questionnaires(questionnaire_text: str, rounds: list[dict],
                         stored_text: Callable[[str], str | None]) -> dict[str, Questionnaire]:
    """Every questionnaire in the bundle, through the full loader; the versions HQ stores
    (`stored_text(sha256)`, None when HQ has none) that the bundle's rounds refer to are
    loaded too."""
    texts = [questionnaire_text] + [r["questionnaire_definition"] for r in rounds
                                    if r["questionnaire_definition"]]
    parsed: dict[str, Questionnaire] = {}
    for text in texts:
        try:
            q = parse_questionnaire(text, source="bundle")
        except QuestionnaireError as exc:
            raise BundleError("bad_questionnaire", str(exc),
                              problem=exc.problems[0] if exc.problems else "?") from exc
        except (RecursionError, ValueError, TypeError) as exc:
            raise BundleError("bad_questionnaire", repr(exc), problem=type(exc).__name__) \
                from exc
        parsed[q.sha256] = q
    for round_ in rounds:
        sha = round_["questionnaire_sha256"]
        if sha not in parsed:
            text = stored_text(sha)
            if text is None:
                raise BundleError("tampered", f"round {round_['uuid']}: unknown questionnaire")
            parsed[sha] = parse_questionnaire(text, source="HQ")
    return parsed


class FormDoor:
    """Checks every form as it is read: its answers (`FormGate`) and its responses.csv row
    (hashed); `pending` collects the out-of-range values that need a confirmation."""

    def __init__(self):
        self.questionnaires: dict[str, Questionnaire] = {}
        self.round_names: dict[str, str] = {}
        self._csv_names: dict[str, str] = {}
        self.pending: list[tuple] = []  # (uuid, form number, round uuid, problem, value)
        self._round_q: dict[str, str] = {}
        self._ranges: dict[str, list[range]] = {}  # round uuid -> its form numbers
        self._gates: dict[str, FormGate] = {}
        # round uuid -> (its gate, the form numbers it takes, its name, whether its
        # questions are responses.csv's columns): one look-up a form
        self._by_round: dict[str, tuple] = {}
        self._csv: ResponsesHash | None = None

    def start(self, questionnaires: dict[str, Questionnaire], bundle_sha: str,
              rounds: list[dict], hq_rounds: Iterable[tuple]) -> None:
        """Learn the questionnaires (parsed), the bundle's rounds and HQ's (uuid, name,
        questionnaire sha256, form_min, form_max) rows, whose name and version win over
        the bundle's, before the first form."""
        self.questionnaires = questionnaires
        self._round_q = {r["uuid"]: r["questionnaire_sha256"] for r in rounds}
        self.round_names = {r["uuid"]: r["name"] for r in rounds}
        # responses.csv names each round as the laptop does (HQ may have renamed it, or
        # added the device id to a name another round took): HQ's names are for people.
        self._csv_names = dict(self.round_names)
        self._ranges = {r["uuid"]: [number_range(r["form_min"], r["form_max"])]
                        for r in rounds}
        for uuid, name, q_sha, low, high in hq_rounds:
            self._round_q[uuid], self.round_names[uuid] = q_sha, name
            self._ranges.setdefault(uuid, []).append(number_range(low, high))
        self._by_round = {}
        self._csv = ResponsesHash(q.id for q in questionnaires[bundle_sha].questions())

    def form(self, record, answers: dict) -> None:
        """One form, a `FormRecord`, and its answers as parsed."""
        self.check(record_values(record), answers)

    def check(self, values: tuple, answers: dict) -> None:
        """One form as `records.record_values` gives it (how the import's checking process
        reads it, form_values.py), and its answers as parsed."""
        fields = values[0]
        known = self._by_round.get(fields[_ROUND])
        if known is None:
            known = self._round(fields[_ROUND])
        gate, numbers, name, same_columns = known
        if fields[_NUMBER] not in numbers:
            refuse_number(dict(zip(FORM_FIELDS, fields)), self._ranges[fields[_ROUND]][0],
                          self.round_names)
        # The answers in the questionnaire's order, made once for the quick check and
        # the row of responses.csv (when the round's version has the bundle's columns).
        row = tuple(map(answers.get, gate.question_ids, _BLANKS))
        draft = fields[_STATUS] in _DRAFTS
        if not gate.passes(answers, row, draft):
            problems = gate.problems(answers, draft)
            if problems:
                self._pend_or_refuse(dict(zip(FORM_FIELDS, fields)), answers, problems)
        if same_columns:
            self._csv.add_row(name, fields, row, answers, values[1])
        else:
            self._csv.add_form(name, fields, answers, values[1])

    def _round(self, uuid: str) -> tuple:
        """What `form` needs of a round, at its first form."""
        sha = self._round_q.get(uuid)
        if sha is None:
            raise BundleError("tampered", "forms refer to rounds the bundle does not carry")
        gate = self._gates.get(sha)
        if gate is None:
            gate = self._gates[sha] = FormGate(self.questionnaires[sha])
        known = self._by_round[uuid] = (gate, NumberRanges.of(self._ranges[uuid]),
                                        self._csv_names.get(uuid, ""),
                                        gate.question_ids == self._csv.question_ids)
        return known

    def _pend_or_refuse(self, f: dict, answers: dict, problems: list) -> None:
        """Keep the problems that a confirmation may cover; refuse at the first other."""
        for problem in problems:
            if problem.key in CONFIRMABLE:
                self.pending.append((f["uuid"], f["form_number"], f["round_uuid"], problem,
                                     answers.get(problem.question_id)))
                continue
            refuse_answer(f, problem, self.round_names)

    def csv_sha256(self) -> str:
        """The sha256 of responses.csv rebuilt from every form (call once, at the end)."""
        return self._csv.hexdigest()


# Where a form's values (`check`) hold the fields read here.
_ROUND, _NUMBER, _STATUS = (FORM_FIELDS.index(name)
                            for name in ("round_uuid", "form_number", "status"))
_DRAFTS = frozenset({"draft", "deleted"})  # forms whose required answers may be missing
_BLANKS = repeat("")


class NumberRanges:
    """Form numbers in any of several ranges (`of` gives one range when they join)."""

    def __init__(self, ranges: list[range]):
        self.ranges = ranges

    @classmethod
    def of(cls, ranges: list[range]) -> range | NumberRanges:
        """The numbers of `ranges`: one range when they overlap or touch (every form's
        test then one comparison in C)."""
        kept = [r for r in ranges if r]
        if len(kept) <= 1:
            return kept[0] if kept else range(0)
        if len(kept) == 2:
            a, b = kept
            if max(a.start, b.start) <= min(a.stop, b.stop):
                return range(min(a.start, b.start), max(a.stop, b.stop))
        return cls(kept)

    def __contains__(self, number: int) -> bool:
        return any(number in numbers for numbers in self.ranges)


def number_range(low: int | None, high: int | None) -> range:
    """The form numbers of a round's paper range (an open end: every number a record may
    carry on that side)."""
    return range(0 if low is None else low, MAX_NUMBER if high is None else high + 1)


def refuse_number(f: dict, numbers: range, round_names: dict[str, str]) -> None:
    """Refuse a form whose number lies outside its round's range."""
    high = numbers.stop - 1
    raise BundleError("form_number_range", f"{f['uuid']} number {f['form_number']}",
                      form_number=f["form_number"],
                      round=round_names.get(f["round_uuid"], f["round_uuid"]),
                      low=numbers.start, high="…" if high == MAX_NUMBER - 1 else high)


def refuse_answer(f: dict, problem, round_names: dict[str, str]) -> None:
    raise BundleError("bad_answer", f"{f['uuid']} {problem.question_id} {problem.key}",
                      form_number=f["form_number"],
                      round=round_names.get(f["round_uuid"], f["round_uuid"]),
                      question=problem.question_id, problem=problem.message)
