"""The sentences of HQ's decision about which copy of a device's project a post keeps
(services/copy_keeper.py, `riskmap devices keep-copy`), English and Spanish: why the act
was refused (`copy_keep.*`) and what a bundle of the other copy is told afterwards
(`bundle.from_set_aside_copy`, `bundle.after_kept_copy`, `bundle.set_aside_line`,
`bundle.line_gap`), merged into
`error_messages.CATALOGUE`; what the command says it would do and did (`out.copy_*`),
merged into `command_messages.COMMAND_MESSAGES`."""

from __future__ import annotations

COPY_MESSAGES: dict[str, dict[str, str]] = {
    "bundle.after_kept_copy": {
        "en": "On {decided}, headquarters decided that the post keeps the copy of this "
              "device's project that sent bundle {sequence}; this bundle comes from the "
              "other copy: ask the team to stop using that copy (forms keyed only in it "
              "must be keyed again on the laptop the post keeps).",
        "es": "El {decided}, la sede decidió que el puesto conserva la copia del proyecto "
              "de este dispositivo que envió el paquete {sequence}; este paquete viene de "
              "la otra copia: pida al equipo que deje de usarla (los formularios digitados "
              "solo en ella deben digitarse de nuevo en el portátil que conserva el "
              "puesto)."},
    "bundle.from_set_aside_copy": {
        "en": "Bundle {sequence} of device {device_id} comes from the other copy of this "
              "device's project: on {decided}, headquarters decided that the post keeps the "
              "copy of this device's project that sent bundle {kept}, so this bundle was "
              "held and nothing was imported. Ask the team to stop using that copy (forms "
              "keyed only in it must be keyed again on the laptop the post keeps); if the "
              "post keeps this copy after all, headquarters decides again with riskmap "
              "devices keep-copy (Keep this copy... in the Import view).",
        "es": "El paquete {sequence} del dispositivo {device_id} viene de la otra copia del "
              "proyecto de este dispositivo: el {decided}, la sede decidió que el puesto "
              "conserva la copia del proyecto de este dispositivo que envió el paquete "
              "{kept}, así que este paquete quedó retenido y no se importó nada. Pida al "
              "equipo que deje de usar esa copia (los formularios digitados solo en ella "
              "deben digitarse de nuevo en el portátil que conserva el puesto); si el puesto "
              "conserva finalmente esta copia, la sede vuelve a decidir con riskmap devices "
              "keep-copy (Conservar esta copia... en la vista Importar)."},
    "bundle.set_aside_line": {
        "en": "Bundle {sequence} of device {device_id} follows its bundle {previous} that "
              "headquarters no longer follows: it comes from a copy of this device's "
              "project that another copy's line set aside, so nothing was imported.",
        "es": "El paquete {sequence} del dispositivo {device_id} sigue a su paquete "
              "{previous}, que la sede ya no sigue: viene de una copia del proyecto de este "
              "dispositivo que la línea de otra copia dejó de lado, así que no se importó "
              "nada."},
    "bundle.line_gap": {
        "en": "Bundle {sequence} of device {device_id} follows a bundle {previous} that "
              "headquarters has not received. Since two copies of this device's project "
              "were in use (from its bundle {start} on), headquarters imports this "
              "device's bundles only one after the other: import bundle {previous} first "
              "(ask the team for it); nothing was imported.",
        "es": "El paquete {sequence} del dispositivo {device_id} sigue a un paquete "
              "{previous} que la sede no ha recibido. Como había dos copias del proyecto de "
              "este dispositivo en uso (desde su paquete {start}), la sede importa los "
              "paquetes de este dispositivo solo uno tras otro: importe primero el paquete "
              "{previous} (pídalo al equipo); no se importó nada."},
    "copy_keep.reason_control": {
        "en": "The reason contains control characters; type it again as plain text.",
        "es": "El motivo contiene caracteres de control; escríbalo de nuevo como texto "
              "simple."},
    "copy_keep.not_held": {
        "en": "This bundle is not held: headquarters imports it as it is (choose Import, or "
              "run `riskmap import`); no copy was kept and nothing was changed.",
        "es": "Este paquete no está retenido: la sede lo importa tal como está (elija "
              "Importar o ejecute `riskmap import`); no se conservó ninguna copia y no se "
              "cambió nada."},
    "copy_keep.replay": {
        "en": "Headquarters imported this bundle already; nothing was changed.",
        "es": "La sede ya importó este paquete; no se cambió nada."},
    "copy_keep.not_a_copy": {
        "en": "This bundle is not held for a second copy of its device's project, so there "
              "is no copy to keep and nothing was changed. Why it was not imported:",
        "es": "Este paquete no está retenido por una segunda copia del proyecto de su "
              "dispositivo, así que no hay copia que conservar y no se cambió nada. Por qué "
              "no se importó:"},
    "copy_keep.series": {
        "en": "This bundle is one part of a series, and a copy is kept from a single "
              "bundle: ask the team for a bundle of the copy the post keeps that is not "
              "split into parts; nothing was changed.",
        "es": "Este paquete es una parte de una serie, y una copia se conserva a partir de "
              "un paquete suelto: pida al equipo un paquete de la copia que conserva el "
              "puesto que no esté dividido en partes; no se cambió nada."},
    "copy_keep.earlier_first": {
        "en": "This bundle follows its copy's bundle {previous}, which headquarters has not "
              "imported; keep that copy from its earliest bundle that headquarters has not "
              "imported (bundle {previous} or an earlier one); nothing was changed.",
        "es": "Este paquete sigue al paquete {previous} de su copia, que la sede no ha "
              "importado; conserve esa copia desde su primer paquete que la sede no ha "
              "importado (el paquete {previous} o uno anterior); no se cambió nada."},
    "copy_keep.would_refuse": {
        "en": "Even if the post keeps this copy, this bundle cannot be imported, so nothing "
              "was changed:",
        "es": "Aunque el puesto conserve esta copia, este paquete no se puede importar, así "
              "que no se cambió nada:"},
}

# What `riskmap devices keep-copy` and `check` say (merged into
# command_messages.COMMAND_MESSAGES).
COPY_LINES: dict[str, dict[str, str]] = {
    "out.copy_keep_now": {
        "en": "Device {device}: headquarters now follows its line of bundles up to bundle "
              "{current} (imported {imported}).",
        "es": "Dispositivo {device}: la sede sigue ahora su línea de paquetes hasta el "
              "paquete {current} (importado el {imported})."},
    "out.copy_keep_would": {
        "en": "If the post keeps the copy that made bundle {sequence} ({bundle}, made "
              "{created}), headquarters follows that copy from bundle {sequence} on, and "
              "the other copy's later bundles are held with a sentence saying so.",
        "es": "Si el puesto conserva la copia que hizo el paquete {sequence} ({bundle}, hecho "
              "el {created}), la sede sigue esa copia desde el paquete {sequence}, y los "
              "paquetes posteriores de la otra copia quedan retenidos con una frase que lo "
              "dice."},
    "out.copy_keep_forms": {
        "en": "This bundle would add {new} {new:form|forms}, update {updated}, leave "
              "{unchanged} unchanged and keep {conflicting} as {conflicting:a conflict|"
              "conflicts} for the analyst; no form or audit row headquarters holds is "
              "removed, and the other copy's forms stay.",
        "es": "Este paquete agregaría {new} {new:formulario|formularios}, actualizaría "
              "{updated}, dejaría {unchanged} sin cambios y guardaría {conflicting} como "
              "{conflicting:conflicto|conflictos} para el analista; no se quita ningún "
              "formulario ni fila de auditoría que tenga la sede, y los formularios de la "
              "otra copia se quedan."},
    "out.copy_keep_branch": {
        "en": "Its audit log branches from a row headquarters holds of the device's chain; "
              "headquarters keeps both branches, and `riskmap check` lists the decision.",
        "es": "Su registro de auditoría se ramifica desde una fila que la sede tiene de la "
              "cadena del dispositivo; la sede conserva ambas ramas, y `riskmap check` "
              "muestra la decisión."},
    "out.copy_keep_ask": {
        "en": "Nothing was changed. Do it only if the team confirmed (by phone, someone you "
              "trust) that the post keeps this copy: run the command again with --yes "
              "(and --reason).",
        "es": "No se cambió nada. Hágalo solo si el equipo confirmó (por teléfono, alguien "
              "de confianza) que el puesto conserva esta copia: ejecute el comando de nuevo "
              "con --yes (y --reason)."},
    "out.copy_kept_line": {
        "en": "  {device}: on {decided}, headquarters decided that the post keeps the copy "
              "that made bundle {sequence}, and follows that copy from that bundle on "
              "(`riskmap query` on audit_log, action copy_keep, says who and why).",
        "es": "  {device}: el {decided}, la sede decidió que el puesto conserva la copia que "
              "hizo el paquete {sequence}, y sigue esa copia desde ese paquete (`riskmap "
              "query` sobre audit_log, acción copy_keep, dice quién y por qué)."},
    "out.copy_kept": {
        "en": "Done: headquarters follows the copy of device {device} that made bundle "
              "{sequence}, from that bundle on; the bundle was imported ({new} new, "
              "{updated} updated, {unchanged} unchanged, {conflicting} conflicting) and the "
              "decision is in the audit log. Import that copy's later bundles again.",
        "es": "Hecho: la sede sigue la copia del dispositivo {device} que hizo el paquete "
              "{sequence}, desde ese paquete; el paquete se importó ({new} nuevos, "
              "{updated} actualizados, {unchanged} sin cambios, {conflicting} en conflicto) "
              "y la decisión queda en el registro de auditoría. Vuelva a importar los "
              "paquetes posteriores de esa copia."},
}

# Another HQ trust sentence, kept in a module of its own and merged here so that
# error_messages.py (being split) need not change.
from .audit_row_messages import AUDIT_ROW_MESSAGES  # noqa: E402

if COPY_MESSAGES.keys() & AUDIT_ROW_MESSAGES.keys():
    raise KeyError(f"defined twice: {sorted(COPY_MESSAGES.keys() & AUDIT_ROW_MESSAGES.keys())}")
COPY_MESSAGES.update(AUDIT_ROW_MESSAGES)
