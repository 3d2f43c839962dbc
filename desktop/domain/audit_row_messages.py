"""The sentence of a bundle held for audit rows about forms that neither the bundle nor
headquarters holds (services/audit_subjects.py), English and Spanish. Merged into
`error_messages.CATALOGUE` through `copy_messages.COPY_MESSAGES` (error_messages.py is
being split; the next owner of its merge list may list this module there directly)."""

from __future__ import annotations

AUDIT_ROW_MESSAGES: dict[str, dict[str, str]] = {
    "bundle.audit_unknown_forms": {
        "en": "Device {device} sent audit rows about forms that this bundle does not bring "
              "and headquarters does not hold ({forms} in all), so this bundle was held "
              "and nothing was imported: a laptop sends every form its audit rows speak of, "
              "and such rows would show in the history of a form another post sends later. "
              "Ask the team for a full export of this laptop (riskmap export --all) and "
              "import that; if the rows remain, ask the team who made this bundle.",
        "es": "El dispositivo {device} envió filas de auditoría sobre formularios que este "
              "paquete no trae y que la sede no tiene ({forms} en total), así que este "
              "paquete quedó retenido y no se importó nada: un portátil "
              "envía todos los formularios de los que hablan sus filas de auditoría, y esas "
              "filas aparecerían en el historial de un formulario que otro puesto envíe más "
              "tarde. Pida al equipo una exportación completa de este portátil (riskmap "
              "export --all) e impórtela; si las filas siguen, pregunte al equipo quién hizo "
              "este paquete."},
}
