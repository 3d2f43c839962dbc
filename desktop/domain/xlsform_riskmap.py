"""The `riskmap::` columns of an XLSForm survey sheet and the `riskmap_risks` and
`riskmap_bands` sheets: what pyxform does not know and our questionnaire needs (question
numbers, missing codes, text lengths, likert scales, risks, profile, climate, exposure,
bands). `RiskmapColumns` reads them question by question and makes the analysis blocks at
the end (docs/xlsform.md)."""

from __future__ import annotations

from typing import Any

from .xlsform_choices import missing_list
from .xlsform_context import XLSFormContext
from .xlsform_sheets import extra_sheet, sheet_labels, truthy


class RiskmapColumns:
    """The riskmap:: cells met so far, and the blocks they make."""

    def __init__(self, ctx: XLSFormContext):
        self.ctx = ctx
        self.risks: dict[str, dict[str, str]] = {}
        self.profile: list[str] = []
        self.climate: list[str] = []
        self.exposure: dict[str, Any] = {}
        self.follow_ups: list[str] = []
        self.question_labels: dict[str, dict[str, str]] = {}

    def read(self, riskmap: dict, name: str, ident: str, result: dict) -> None:
        """Apply a question's riskmap:: cells to its definition `result`."""
        ctx = self.ctx
        missing = missing_list(ctx, riskmap.get("missing"),
                               ctx.at.survey(name, "riskmap::missing"))
        if missing is not None:
            result["missing_codes"] = missing
        if riskmap.get("max_length"):
            if riskmap["max_length"].isdigit() and result["type"] == "text":
                result["max_length"] = int(riskmap["max_length"])
            else:
                ctx.fail(ctx.at.survey(name, "riskmap::max_length"), "xf.max_length")
        risk = riskmap.get("risk", "")
        if risk:
            self._risk(risk, name, ident)
        if risk or truthy(riskmap.get("likert")):
            self._likert(result, name)
        if truthy(riskmap.get("profile")):
            self.profile.append(ident)
        if truthy(riskmap.get("climate")):
            self.climate.append(ident)
        self._exposure(riskmap.get("exposure", "").split(), name, ident)

    def _risk(self, risk: str, name: str, ident: str) -> None:
        ctx = self.ctx
        parts = risk.split()
        if len(parts) != 2 or parts[1] not in ("likelihood", "impact"):
            ctx.fail(ctx.at.survey(name, "riskmap::risk"), "xf.risk_cell", cell=risk)
            return
        entry = self.risks.setdefault(parts[0], {})
        if parts[1] in entry:
            ctx.fail(ctx.at.survey(name, "riskmap::risk"), "xf.risk_twice", risk=parts[0],
                     part=parts[1])
        entry[parts[1]] = ident
        entry.setdefault("_row", ctx.at.survey(name, "riskmap::risk"))

    def _exposure(self, exposure: list[str], name: str, ident: str) -> None:
        ctx = self.ctx
        if exposure[:1] == ["question"] and len(exposure) == 2 and exposure[1].isdigit():
            if self.exposure:
                ctx.fail(ctx.at.survey(name, "riskmap::exposure"), "xf.one_exposure")
            self.exposure = {"question": ident, "yes": int(exposure[1])}
        elif exposure == ["follow_up"]:
            self.follow_ups.append(ident)
        elif exposure:
            ctx.fail(ctx.at.survey(name, "riskmap::exposure"), "xf.exposure_cell")

    def _likert(self, result: dict, name: str) -> None:
        choices = result.pop("choices", [])
        codes = [c["code"] for c in choices]
        if result["type"] != "choice" or codes != list(range(1, len(codes) + 1)) \
                or not 2 <= len(codes) <= 11:
            self.ctx.fail(self.ctx.at.survey(name, "type"), "xf.likert")
            return
        result["type"] = "likert"
        result["points"] = len(codes)
        result["anchors"] = {"low": choices[0]["label"], "high": choices[-1]["label"]}

    def blocks(self) -> dict:
        """The risks, bands, profile, climate and exposure blocks of the definition."""
        ctx = self.ctx
        blocks: dict[str, Any] = {}
        if self.risks:
            blocks["risks"] = self._risks()
        bands = [_band(row, lambda key, where: ctx.lang(key, where), where)
                 for where, row in extra_sheet(ctx.at.path, "riskmap_bands")]
        if bands:
            blocks["bands"] = bands
        if self.profile:
            blocks["profile"] = self.profile
        if self.climate:
            blocks["climate"] = self.climate
        if self.exposure:
            blocks["exposure"] = {**self.exposure, "follow_ups": self.follow_ups}
        return blocks

    def _risks(self) -> list[dict]:
        ctx = self.ctx
        labels = {row.get("id"): (where, row) for where, row in extra_sheet(
            ctx.at.path, "riskmap_risks")}
        risks = []
        for rid, entry in self.risks.items():
            if set(entry) != {"likelihood", "impact", "_row"}:
                ctx.fail(entry["_row"], "xf.risk_pair", risk=rid)
                continue
            if rid in labels:
                label = sheet_labels(labels[rid][1], "label", ctx.lang, labels[rid][0])
            else:
                label = self.question_labels[entry["likelihood"]]
            risks.append({"id": rid, "label": label, "likelihood": entry["likelihood"],
                          "impact": entry["impact"]})
        return risks


def _band(row: dict, lang, where: str) -> dict:
    """One band from a row of the riskmap_bands sheet: every column is a key of the band
    (labels per language; numbers stay numbers)."""
    band: dict[str, Any] = {}
    label = sheet_labels(row, "label", lang, where)
    for key, value in row.items():
        if key.lower().startswith("label"):
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        band[key] = value
    band["label"] = label
    return band
