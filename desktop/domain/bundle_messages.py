"""The sentences of bundles and bundle series, English and Spanish: why a bundle was refused
(`bundle.<kind>`, the kinds of bundle/errors.BundleError) and what an export in several parts
needs (services/export_service.py, services/bundle_series.py). Merged into
`error_messages.CATALOGUE`; kept apart so the exchange with headquarters has one place."""

from __future__ import annotations

BUNDLE_MESSAGES: dict[str, dict[str, str]] = {
    # Bundles (kinds of bundle.errors.BundleError).
    "bundle.not_a_bundle": {
        "en": "This file is not a RiskMap bundle (it is not an age-encrypted file); choose a "
              "file whose name ends in .zip.age.",
        "es": "Este archivo no es un paquete de RiskMap (no está cifrado con age); elija un "
              "archivo cuyo nombre termine en .zip.age."},
    "bundle.wrong_key": {
        "en": "This bundle was not encrypted for the identity you chose; import it with the "
              "headquarters key file it was sent to.",
        "es": "Este paquete no fue cifrado para la identidad elegida; impórtelo con el archivo "
              "de clave de la sede a la que se envió."},
    "bundle.truncated": {
        "en": "The bundle file is incomplete or damaged (it was probably cut short while "
              "copying); copy it again from the original and import the new copy.",
        "es": "El archivo del paquete está incompleto o dañado (probablemente se cortó al "
              "copiarlo); cópielo de nuevo desde el original e importe la copia nueva."},
    "bundle.tampered": {
        "en": "The bundle was changed after the field laptop signed it, so it cannot be "
              "trusted; ask the team to export and send it again.",
        "es": "El paquete fue modificado después de que la computadora de campo lo firmó, así "
              "que no es confiable; pida al equipo que lo exporte y lo envíe de nuevo."},
    "bundle.unknown_device_key": {
        "en": "The bundle claims to come from a known laptop but is signed by a different "
              "key; do not import it, and check with the team who made it.",
        "es": "El paquete dice venir de una computadora conocida pero está firmado con otra "
              "clave; no lo importe y consulte con el equipo quién lo hizo."},
    "bundle.replay": {
        "en": "This bundle was imported before; nothing was changed.",
        "es": "Este paquete ya se importó antes; no se modificó nada."},
    "bundle.unsupported_version": {
        "en": "This bundle was made by a newer version of RiskMap Survey Desk; install the "
              "newer version to import it.",
        "es": "Este paquete fue hecho con una versión más nueva de RiskMap Survey Desk; "
              "instale la versión más nueva para importarlo."},
    "bundle.unsafe": {
        "en": "The bundle contains unexpected or unsafe files, so it was not opened; ask the "
              "team to export it again with RiskMap Survey Desk.",
        "es": "El paquete contiene archivos inesperados o inseguros, así que no se abrió; "
              "pida al equipo que lo exporte de nuevo con RiskMap Survey Desk."},
    "bundle.too_large": {
        "en": "The bundle is larger than this program accepts, so it was not opened; ask the "
              "team to export it in smaller parts.",
        "es": "El paquete es más grande de lo que este programa acepta, así que no se abrió; "
              "pida al equipo que lo exporte en partes más pequeñas."},
    "bundle.bad_identity": {
        "en": "The key file is not an age identity (it should contain a line starting with "
              "AGE-SECRET-KEY-); choose the headquarters key file.",
        "es": "El archivo de clave no es una identidad age (debería tener una línea que "
              "empiece con AGE-SECRET-KEY-); elija el archivo de clave de la sede."},
    "bundle.identity_file": {
        "en": "The key file {path} is not an age identity (it should contain a line starting "
              "with AGE-SECRET-KEY-); choose the headquarters key file.",
        "es": "El archivo de clave {path} no es una identidad age (debería tener una línea que "
              "empiece con AGE-SECRET-KEY-); elija el archivo de clave de la sede."},
    "bundle.identity_is_recipient": {
        "en": "The key file {path} holds the public recipient (age1...), the key given to "
              "field teams to encrypt for headquarters; importing needs the identity file, "
              "the secret key with a line starting with AGE-SECRET-KEY-.",
        "es": "El archivo de clave {path} contiene el destinatario público (age1...), la clave "
              "que se entrega a los equipos de campo para cifrar hacia la sede; para importar "
              "se necesita el archivo de identidad, la clave secreta con una línea que empiece "
              "con AGE-SECRET-KEY-."},
    "bundle.bad_recipient": {
        "en": "A recipient is not a valid age public key (it should start with age1); paste "
              "the key exactly as headquarters sent it.",
        "es": "Un destinatario no es una clave pública age válida (debería empezar con age1); "
              "pegue la clave tal como la envió la sede."},

    "bundle.unknown_device": {
        "en": "The bundle comes from device {device_id} with fingerprint {fingerprint}, which "
              "headquarters has not enrolled, so nothing was imported; compare the fingerprint "
              "with the laptop's and enrol it with: {command}",
        "es": "El paquete viene del dispositivo {device_id} con huella {fingerprint}, que la "
              "sede no ha registrado, así que no se importó nada; compare la huella con la de "
              "la computadora y regístrela con: {command}"},
    "bundle.revoked_device": {
        "en": "The bundle comes from device {device_id} with fingerprint {fingerprint}, which "
              "headquarters revoked on {revoked}, so nothing was imported.",
        "es": "El paquete viene del dispositivo {device_id} con huella {fingerprint}, que la "
              "sede revocó el {revoked}, así que no se importó nada."},
    "bundle.device_id_mismatch": {
        "en": "The bundle is signed by the enrolled key {fingerprint} of device {enrolled_id} "
              "but claims to come from device {device_id}, so nothing was imported; check "
              "with the team who made it.",
        "es": "El paquete está firmado con la clave registrada {fingerprint} del dispositivo "
              "{enrolled_id} pero dice venir del dispositivo {device_id}, así que no se "
              "importó nada; consulte con el equipo quién lo hizo."},
    "bundle.bad_questionnaire": {
        "en": "The bundle carries a questionnaire that is not valid ({problem}), so nothing "
              "was imported; ask the team to export again with the questionnaire headquarters "
              "sent.",
        "es": "El paquete trae un cuestionario que no es válido ({problem}), así que no se "
              "importó nada; pida al equipo que exporte de nuevo con el cuestionario que "
              "envió la sede."},
    "bundle.bad_answer": {
        "en": "Form {form_number} of round {round} has an invalid answer to question "
              "{question} ({problem}), so nothing of this bundle was imported; ask the team "
              "to correct the form and export again.",
        "es": "El formulario {form_number} de la ronda {round} tiene una respuesta no válida "
              "en la pregunta {question} ({problem}), así que no se importó nada de este "
              "paquete; pida al equipo que corrija el formulario y exporte de nuevo."},
    "bundle.form_number_range": {
        "en": "Form {form_number} of round {round} lies outside the round's form numbers "
              "{low}-{high}, so nothing of this bundle was imported; ask the team to widen "
              "the round's range on the laptop (Edit round) and export again.",
        "es": "El formulario {form_number} de la ronda {round} está fuera de los números de "
              "formulario de la ronda {low}-{high}, así que no se importó nada de este "
              "paquete; pida al equipo que amplíe el rango de la ronda en el portátil "
              "(Editar ronda) y exporte de nuevo."},
    "bundle.csv_mismatch": {
        "en": "responses.csv in the bundle does not agree with its records ({problem}), so "
              "nothing was imported; ask the team to export it again.",
        "es": "responses.csv del paquete no coincide con sus registros ({problem}), así que "
              "no se importó nada; pida al equipo que lo exporte de nuevo."},
    "bundle.audit_chain": {
        "en": "The audit log in this bundle does not continue the one headquarters holds for "
              "device {device} ({problem}), so nothing was imported; import that device's "
              "earlier bundles first, or ask the team why its audit log changed.",
        "es": "El registro de auditoría de este paquete no continúa el que la sede tiene del "
              "dispositivo {device} ({problem}), así que no se importó nada; importe primero "
              "los paquetes anteriores de ese dispositivo o pregunte al equipo por qué cambió "
              "su registro de auditoría."},
    "bundle.foreign_audit_rows": {
        "en": "The bundle carries new audit rows of device {device}, which another enrolled "
              "laptop speaks for, so nothing was imported; a laptop sends only its own "
              "changes: ask the team who made this bundle.",
        "es": "El paquete trae filas de auditoría nuevas del dispositivo {device}, que "
              "corresponde a otro portátil inscrito, así que no se importó nada; cada "
              "portátil envía solo sus propios cambios: pregunte al equipo quién hizo este "
              "paquete."},
    "bundle.relayed_branch": {
        "en": "The bundle carries a branch of the audit log of device {device} (a copy of "
              "its project restored from a backup), but headquarters has no record of "
              "{signer} bringing that device's rows before, so this bundle was held and "
              "nothing was imported; such a branch comes from the office that relays "
              "device {device}: ask it to send its bundle, or ask the team who made this "
              "one.",
        "es": "El paquete trae una rama del registro de auditoría del dispositivo {device} "
              "(una copia de su proyecto restaurada de una copia de seguridad), pero la sede "
              "no tiene constancia de que {signer} haya traído antes filas de ese "
              "dispositivo, así que este paquete quedó retenido y no se importó nada; esa "
              "rama la envía la oficina que retransmite el dispositivo {device}: pídale que "
              "envíe su paquete o pregunte al equipo quién hizo este."},
    "bundle.foreign_round": {
        "en": "Device {device} sent forms into round {round}, which device {origin} brought "
              "to headquarters first, so this bundle was held and nothing was imported; if "
              "both laptops key this round (one team), allow it with: {command} and import "
              "the bundle again, otherwise ask the team who made this bundle.",
        "es": "El dispositivo {device} envió formularios a la ronda {round}, que trajo "
              "primero a la sede otro dispositivo, {origin}, así que este paquete quedó "
              "retenido y no se importó nada; si ambos portátiles digitan esta ronda (un "
              "mismo equipo), permítalo con: {command} y vuelva a importar el paquete; si "
              "no, pregunte al equipo quién hizo este paquete."},
    "bundle.foreign_round_here": {
        "en": "Device {device} sent forms into round {round}, which no bundle of that device "
              "brought to headquarters (it was made here, or came before HQ recorded whose "
              "round each round is), so this bundle was held and nothing was imported; if "
              "that laptop keys this round, allow it with: {command} and import the bundle "
              "again, otherwise ask the team who made this bundle.",
        "es": "El dispositivo {device} envió formularios a la ronda {round}, que ningún "
              "paquete de ese dispositivo trajo a la sede (se creó aquí, o llegó antes de que "
              "la sede registrara de quién es cada ronda), así que este paquete quedó "
              "retenido y no se importó nada; si ese portátil digita esta ronda, permítalo "
              "con: {command} y vuelva a importar el paquete; si no, pregunte al equipo "
              "quién hizo este paquete."},
    # A round whose maker is known (domain/round_maker.py) and not the sender.
    "bundle.foreign_round_made": {
        "en": "Device {device} sent forms into round {round}, which was made on device "
              "{origin} (device {brought} brought it to headquarters first), so this bundle "
              "was held and nothing was imported; if both laptops key this round (one "
              "team), allow it with: {command} and import the bundle again, otherwise ask "
              "the team who made this bundle.",
        "es": "El dispositivo {device} envió formularios a la ronda {round}, que se creó en "
              "el dispositivo {origin} (la trajo primero a la sede el dispositivo "
              "{brought}), así que este paquete quedó retenido y no se importó nada; si "
              "ambos portátiles digitan esta ronda (un mismo equipo), permítalo con: "
              "{command} y vuelva a importar el paquete; si no, pregunte al equipo quién "
              "hizo este paquete."},
    "bundle.foreign_round_unsent": {
        "en": "Device {device} sent forms into round {round}, which was made on device "
              "{origin}, whose own bundles have not brought it to headquarters yet, so this "
              "bundle was held and nothing was imported; import that device's bundles "
              "first, then, if both laptops key this round (one team), allow it with: "
              "{command} and import this bundle again; otherwise ask the team who made "
              "this bundle.",
        "es": "El dispositivo {device} envió formularios a la ronda {round}, que se creó en "
              "el dispositivo {origin}, cuyos paquetes aún no la han traído a la sede, así "
              "que este paquete quedó retenido y no se importó nada; importe primero los "
              "paquetes de ese dispositivo y luego, si ambos portátiles digitan esta ronda "
              "(un mismo equipo), permítalo con: {command} y vuelva a importar este "
              "paquete; si no, pregunte al equipo quién hizo este paquete."},
    # Audit rows about forms of a round the sender may not write (services/audit_subjects.py).
    "bundle.foreign_round_audit": {
        "en": "Device {device} sent audit rows about forms of round {round}, which device "
              "{origin} brought to headquarters first, so this bundle was held and nothing "
              "was imported; if both laptops key this round (one team), allow it with: "
              "{command} and import the bundle again, otherwise ask the team who made this "
              "bundle.",
        "es": "El dispositivo {device} envió filas de auditoría sobre formularios de la "
              "ronda {round}, que trajo primero a la sede otro dispositivo, {origin}, así "
              "que este paquete quedó retenido y no se importó nada; si ambos portátiles "
              "digitan esta ronda (un mismo equipo), permítalo con: {command} y vuelva a "
              "importar el paquete; si no, pregunte al equipo quién hizo este paquete."},
    "bundle.foreign_round_audit_here": {
        "en": "Device {device} sent audit rows about forms of round {round}, which no bundle "
              "of that device brought to headquarters (it was made here, or came before HQ "
              "recorded whose round each round is), so this bundle was held and nothing was "
              "imported; if that laptop keys this round, allow it with: {command} and "
              "import the bundle again, otherwise ask the team who made this bundle.",
        "es": "El dispositivo {device} envió filas de auditoría sobre formularios de la "
              "ronda {round}, que ningún paquete de ese dispositivo trajo a la sede (se creó "
              "aquí, o llegó antes de que la sede registrara de quién es cada ronda), así "
              "que este paquete quedó retenido y no se importó nada; si ese portátil digita "
              "esta ronda, permítalo con: {command} y vuelva a importar el paquete; si no, "
              "pregunte al equipo quién hizo este paquete."},
    "bundle.foreign_round_audit_made": {
        "en": "Device {device} sent audit rows about forms of round {round}, which was made "
              "on device {origin} (device {brought} brought it to headquarters first), so "
              "this bundle was held and nothing was imported; if both laptops key this "
              "round (one team), allow it with: {command} and import the bundle again, "
              "otherwise ask the team who made this bundle.",
        "es": "El dispositivo {device} envió filas de auditoría sobre formularios de la "
              "ronda {round}, que se creó en el dispositivo {origin} (la trajo primero a la "
              "sede el dispositivo {brought}), así que este paquete quedó retenido y no se "
              "importó nada; si ambos portátiles digitan esta ronda (un mismo equipo), "
              "permítalo con: {command} y vuelva a importar el paquete; si no, pregunte al "
              "equipo quién hizo este paquete."},
    "bundle.foreign_round_audit_unsent": {
        "en": "Device {device} sent audit rows about forms of round {round}, which was made "
              "on device {origin}, whose own bundles have not brought it to headquarters "
              "yet, so this bundle was held and nothing was imported; import that device's "
              "bundles first, then, if both laptops key this round (one team), allow it "
              "with: {command} and import this bundle again; otherwise ask the team who "
              "made this bundle.",
        "es": "El dispositivo {device} envió filas de auditoría sobre formularios de la "
              "ronda {round}, que se creó en el dispositivo {origin}, cuyos paquetes aún no "
              "la han traído a la sede, así que este paquete quedó retenido y no se importó "
              "nada; importe primero los paquetes de ese dispositivo y luego, si ambos "
              "portátiles digitan esta ronda (un mismo equipo), permítalo con: {command} y "
              "vuelva a importar este paquete; si no, pregunte al equipo quién hizo este "
              "paquete."},
    # Allowing a second laptop into a round (services/round_origin.allow_device).
    "round_allow.bad_device": {
        "en": "{device} is not a device id; give it as the held bundle's sentence names it "
              "(such as dev-1a2b3c4d5e6f).",
        "es": "{device} no es un identificador de dispositivo; escríbalo como lo nombra la "
              "frase del paquete retenido (por ejemplo, dev-1a2b3c4d5e6f)."},
    "round_allow.reason_control": {
        "en": "The reason contains control characters; type it again as plain text.",
        "es": "El motivo contiene caracteres de control; escríbalo de nuevo como texto "
              "simple."},
    "round_allow.no_round": {
        "en": "Headquarters holds no round named {round}; nothing was changed (see the "
              "round names in `riskmap check` or the dashboard).",
        "es": "La sede no tiene ninguna ronda llamada {round}; no se cambió nada (vea los "
              "nombres de las rondas en `riskmap check` o en el panel)."},
    "round_allow.is_origin": {
        "en": "Device {device} brought round {round} to headquarters itself; nothing was "
              "changed.",
        "es": "El dispositivo {device} trajo él mismo la ronda {round} a la sede; no se "
              "cambió nada."},
    "round_allow.already": {
        "en": "Device {device} is already allowed into round {round}; nothing was changed.",
        "es": "El dispositivo {device} ya tiene permiso en la ronda {round}; no se cambió "
              "nada."},
    "bundle.sequence_reused": {
        "en": "Device {device_id} already sent a different bundle numbered {sequence} "
              "({other}), so this one was held and nothing was imported; ask the team which "
              "of the two is genuine.",
        "es": "El dispositivo {device_id} ya envió otro paquete con el número {sequence} "
              "({other}), así que este quedó retenido y no se importó nada; pregunte al "
              "equipo cuál de los dos es el auténtico."},
    "bundle.after_branch": {
        "en": "Since {imported}, a copy of this device's project restored from a backup "
              "carries on from its bundle {sequence}; if this bundle comes from another "
              "copy still in use, two copies are in use: ask the team which one the post "
              "keeps.",
        "es": "Desde el {imported}, una copia del proyecto de este dispositivo restaurada "
              "de una copia de seguridad continúa desde su paquete {sequence}; si este "
              "paquete viene de otra copia aún en uso, hay dos copias en uso: pregunte al "
              "equipo cuál conserva el puesto."},

    # Bundle series (issue 14: services/export_service.py, services/bundle_series.py).
    "export.part_too_large": {
        "en": "One part of this export would hold more than headquarters can import ({forms} "
              "forms with very long answers); nothing was written; please send the log file "
              "to the people who support RiskMap Survey Desk.",
        "es": "Una parte de esta exportación tendría más de lo que la sede puede importar "
              "({forms} formularios con respuestas muy largas); no se escribió nada; envíe el "
              "archivo de registro a quienes dan soporte a RiskMap Survey Desk."},
    "bundle.series_number_used": {
        "en": "This file is part {part} of series {series} from device {device}, numbered "
              "{first} to {last}, but headquarters already holds another bundle of that "
              "device numbered {sequence}, so the series could never be complete: it was "
              "held and nothing was imported; ask the team which is genuine (a project "
              "restored from a backup sends its changes again as single bundles).",
        "es": "Este archivo es la parte {part} de la serie {series} del dispositivo "
              "{device}, numerada del {first} al {last}, pero la sede ya tiene otro paquete "
              "de ese dispositivo con el número {sequence}, así que la serie nunca podría "
              "completarse: quedó retenida y no se importó nada; pregunte al equipo cuál es "
              "el auténtico (un proyecto restaurado de una copia de seguridad envía de "
              "nuevo sus cambios como paquetes sueltos)."},
    "bundle.number_in_series": {
        "en": "Device {device} numbered this bundle {sequence}, a number its series {series} "
              "(numbered {first} to {last}) takes, and headquarters holds parts of that "
              "series already, so this bundle was held and nothing was imported; ask the "
              "team which is genuine.",
        "es": "El dispositivo {device} numeró este paquete con el {sequence}, un número que "
              "ocupa su serie {series} (numerada del {first} al {last}), de la que la sede "
              "ya tiene partes, así que este paquete quedó retenido y no se importó nada; "
              "pregunte al equipo cuál es el auténtico."},
    "bundle.series_part_repeated": {
        "en": "This file is part {part} of series {series}, which was imported before from "
              "another file; nothing was changed.",
        "es": "Este archivo es la parte {part} de la serie {series}, que ya se importó desde "
              "otro archivo; no se modificó nada."},
    "series.incomplete": {
        "en": "Series {series} from {device}: parts {received} of {parts} received; "
              "{missing_count:part|parts} {missing} missing.",
        "es": "Serie {series} de {device}: partes {received} de {parts} recibidas; "
              "{missing_count:falta la parte|faltan las partes} {missing}."},
    "series.incomplete_one": {  # one part received so far
        "en": "Series {series} from {device}: part {received} of {parts} received; "
              "{missing_count:part|parts} {missing} missing.",
        "es": "Serie {series} de {device}: parte {received} de {parts} recibida; "
              "{missing_count:falta la parte|faltan las partes} {missing}."},
    "series.complete": {
        "en": "Series {series} from {device}: all {parts} parts received.",
        "es": "Serie {series} de {device}: las {parts} partes recibidas."},
    "export.wrote_parts": {
        "en": "Wrote {parts} files (a series of {parts} parts, {forms} forms, {audit} audit "
              "rows, bundles {first} to {last} of device {device}); send all of them.",
        "es": "Se escribieron {parts} archivos (una serie de {parts} partes, {forms} "
              "formularios, {audit} filas de auditoría, paquetes {first} a {last} del equipo "
              "{device}); envíelos todos."},
}
