"""Self-test steps 10-13: to headquarters and back. An HQ key, an encrypted signed bundle
exported, refused by HQ until the laptop is enrolled, then imported into a second
database, and the two copies of the form compared."""

from __future__ import annotations

from .state import SelfTestState


class HqSteps(SelfTestState):
    """The steps of this module; they share what they made through the state."""

    def hq_key(self) -> str:
        from ..services.keys_service import hq_init
        self.hq_keys = hq_init(self.root / "hq-keys")
        return self.hq_keys.recipient[:16] + "…"

    def export(self) -> str:
        from ..services.export_service import export_bundle
        result = export_bundle(self.field_db, self.context.device_key,
                               [self.hq_keys.recipient], self.outbox, full=True)
        self.bundle = result.path
        if result.forms != 1:
            raise AssertionError(f"the bundle holds {result.forms} forms, not 1")
        return f"{result.path.name} ({result.path.stat().st_size} bytes)"

    def import_bundle(self) -> str:
        from ..services.device_service import trust_device
        from ..services.import_service import import_bundles
        from ..services.workspace import open_database
        # HQ refuses a laptop it has not enrolled; then enrols its fingerprint and imports.
        report = import_bundles(self.hq_db, self.hq_keys.identity_path, [self.bundle])
        if report.bundles[0].refusal != "unknown_device":
            raise AssertionError(f"an unenrolled laptop was not refused: {report.bundles[0]}")
        hq_db = open_database(self.hq_db)
        try:
            trust_device(hq_db, self.context.device_key.fingerprint, "selftest laptop")
        finally:
            hq_db.close()
        report = import_bundles(self.hq_db, self.hq_keys.identity_path, [self.bundle])
        bundle = report.bundles[0]
        if bundle.status != "imported" or bundle.new != 1:
            raise AssertionError(f"import {bundle.status}: {bundle.message}")
        # The same bundle through the checking process a large bundle gets (a spawned
        # child of this program: it must start and import its modules when packaged).
        split_db = self.root / "hq-split.db"
        hq_db = open_database(split_db)
        try:
            trust_device(hq_db, self.context.device_key.fingerprint, "selftest laptop")
        finally:
            hq_db.close()
        split_report = import_bundles(split_db, self.hq_keys.identity_path, [self.bundle],
                                      split_min_forms=0)
        split = split_report.bundles[0]
        if split_report.checked_apart != 1:  # not a silent fall back to this process
            raise AssertionError("the checking process did not check the bundle")
        if (split.status, split.new) != (bundle.status, bundle.new):
            raise AssertionError(f"import in the checking process {split.status}: "
                                 f"{split.message}")
        return (f"{bundle.new} new form, device {bundle.device_id} (enrolled first); "
                "the same through the checking process")

    def compare(self) -> str:
        from ..storage import response_store
        from ..services.workspace import open_database
        field = response_store.get_form(self.context.project.db.conn, self.saved_uuid)
        hq_db = open_database(self.hq_db)
        try:
            hq = response_store.get_form(hq_db.conn, self.saved_uuid)
        finally:
            hq_db.close()
        if hq is None:
            raise AssertionError("the form is not in the HQ database")
        if hq.answers != field.answers:
            raise AssertionError("the HQ copy has other answers than the field copy")
        for name in ("form_number", "status", "operator", "device", "revision"):
            if getattr(hq.response, name) != getattr(field.response, name):
                raise AssertionError(f"{name} differs: {getattr(hq.response, name)!r} at HQ, "
                                     f"{getattr(field.response, name)!r} in the field")
        return f"form {hq.response.form_number}: {len(hq.answers)} answers identical"
