"""What the command line says when a command succeeds, in English and Spanish (Qt-free).

The refusals live in `error_messages.CATALOGUE`; these are the lines a command prints on
stdout when it did its work (and the few words inside them), looked up through the same
`user_error.error_message(key, lang)` so the language follows RISKMAP_LANG, then LANG.
Machine-readable outputs (--json, CSV, the raw key of `keys db-key`) are not sentences and
never come from here. Keys start with `out.`; a test checks both languages are complete and
take the same fields.
"""

from __future__ import annotations

COMMAND_MESSAGES: dict[str, dict[str, str]] = {
    # riskmap init / demo
    "out.created": {
        "en": "Created {path} with questionnaire {id} {version} ({n} {n:question|questions}).",
        "es": "Se creó {path} con el cuestionario {id} {version} ({n} "
              "{n:pregunta|preguntas})."},
    "out.demo": {
        "en": "Added {n} synthetic {n:form|forms} to {path}.",
        "es": "{n:Se agregó|Se agregaron} {n} "
              "{n:formulario sintético|formularios sintéticos} a {path}."},

    # riskmap check (the labels keep the values in one column)
    "out.check_database": {"en": "database:        {value}",
                           "es": "base de datos:      {value}"},
    "out.check_forms": {"en": "forms:           {value}",
                        "es": "formularios:        {value}"},
    "out.check_rounds": {"en": "rounds:          {value}",
                         "es": "rondas:             {value}"},
    "out.check_audit_rows": {"en": "audit rows:      {value}",
                             "es": "filas de auditoría: {value}"},
    "out.check_questionnaires": {"en": "questionnaires:  {value}",
                                 "es": "cuestionarios:      {value}"},
    "out.check_schema": {"en": "schema version:  {value} (this program: {expected}){older}",
                         "es": "versión de esquema: {value} (este programa: {expected})"
                               "{older}"},
    "out.check_older": {"en": " (updated when next opened for writing)",
                        "es": " (se actualiza la próxima vez que se abra para escribir)"},
    "out.check_journal": {"en": "journal mode:    {value}",
                          "es": "modo de diario:     {value}"},
    "out.check_integrity": {"en": "integrity:       {value}",
                            "es": "integridad:         {value}"},
    "out.check_foreign_keys": {"en": "foreign keys:    {value}",
                               "es": "claves foráneas:    {value}"},
    "out.check_audit_chain": {"en": "audit chain:     {value}",
                              "es": "cadena auditoría:   {value}"},
    "out.check_devices": {"en": "enrolled devices: {value}",
                          "es": "equipos inscritos:  {value}"},
    "out.check_analysis": {"en": "analysis:        {value}",
                           "es": "análisis:           {value}"},
    "out.check_result": {"en": "result:          {value}",
                         "es": "resultado:          {value}"},
    "out.check_ok": {"en": "OK", "es": "CORRECTO"},
    "out.check_problems": {"en": "PROBLEMS FOUND", "es": "SE ENCONTRARON PROBLEMAS"},
    "out.check_none": {"en": "none", "es": "ninguno"},
    "out.check_fk_ok": {"en": "ok", "es": "correctas"},
    "out.check_fk_errors": {
        "en": "{n} {n:row refers to a row that does|rows refer to rows that do} not exist",
        "es": "{n} {n:fila remite a una fila que no existe|filas remiten a filas que no "
              "existen}"},
    "out.check_status_entered": {"en": "{n} entered", "es": "{n} {n:digitado|digitados}"},
    "out.check_status_verified": {"en": "{n} verified", "es": "{n} {n:verificado|verificados}"},
    "out.check_status_draft": {"en": "{n} draft", "es": "{n} {n:borrador|borradores}"},
    "out.check_status_deleted": {"en": "{n} deleted", "es": "{n} {n:eliminado|eliminados}"},
    "out.check_integrity_full": {"en": "full check: every page, every index entry",
                                 "es": "comprobación completa: cada página, cada entrada "
                                       "de índice"},
    "out.check_integrity_quick": {"en": "quick check: every page, indexes not compared "
                                        "with their tables; `check` without --quick "
                                        "compares them",
                                  "es": "comprobación rápida: cada página, sin comparar "
                                        "los índices con sus tablas; `check` sin --quick "
                                        "los compara"},
    "out.check_integrity_ok": {"en": "ok ({which})", "es": "correcta ({which})"},
    "out.check_integrity_failed": {"en": "DAMAGED ({which}): {detail}",
                                   "es": "DAÑADA ({which}): {detail}"},
    "out.check_chain_ok": {"en": "ok", "es": "correcta"},
    "out.check_chain_broken": {"en": "BROKEN", "es": "ROTA"},
    "out.check_chain_not_checked": {
        "en": "not checked (an older schema: checked after it is updated)",
        "es": "sin comprobar (un esquema anterior: se comprueba después de actualizarlo)"},
    "out.check_analysis_no_questionnaire": {
        "en": "no questionnaire, nothing to analyse",
        "es": "sin cuestionario, nada que analizar"},
    "out.check_analysis_older_schema": {
        "en": "no snapshot yet (an older schema: built after it is updated)",
        "es": "aún sin instantánea (un esquema anterior: se construye después de "
              "actualizarlo)"},
    "out.check_analysis_none": {
        "en": "no snapshot yet (the next dashboard load or `check --repair` builds it)",
        "es": "aún sin instantánea (la construye la próxima carga del panel o "
              "`check --repair`)"},
    "out.check_analysis_differs": {
        "en": "the snapshot DIFFERS from the answer rows; run `riskmap check --repair`",
        "es": "la instantánea DIFIERE de las respuestas; ejecute `riskmap check --repair`"},
    "out.check_analysis_sums_differ": {
        "en": "the dashboard's stored sums DIFFER from the snapshot; run "
              "`riskmap check --repair`",
        "es": "las sumas guardadas del panel DIFIEREN de la instantánea; ejecute "
              "`riskmap check --repair`"},
    "out.check_analysis_ok": {
        "en": "ok (snapshot of {forms} {forms:form|forms}, {written} written since)",
        "es": "correcta (instantánea de {forms} {forms:formulario|formularios}, {written} "
              "{written:escrito|escritos} desde "
              "entonces)"},
    "out.check_analysis_rebuilt": {
        "en": "rebuilt from the answer rows ({n} {n:form|forms}); ",
        "es": "reconstruida a partir de las respuestas ({n} {n:formulario|formularios}); "},
    # What `check` found (one line each on stderr, after "riskmap: ")
    "out.check_finding_integrity": {
        "en": "SQLite's integrity check failed: {detail}.",
        "es": "La comprobación de integridad de SQLite falló: {detail}."},
    "out.check_finding_foreign_keys": {
        "en": "{n} {n:row refers to a row that does|rows refer to rows that do} not exist "
              "(foreign keys).",
        "es": "{n} {n:fila remite a una fila que no existe|filas remiten a filas que no "
              "existen} (claves foráneas)."},
    "out.check_finding_answers_malformed": {
        "en": "The answers of {n} {n:form|forms} are not a JSON object (the first: form "
              "{uuid}).",
        "es": "Las respuestas de {n} {n:formulario|formularios} no son un objeto JSON (el "
              "primero: "
              "formulario {uuid})."},
    "out.check_finding_answers_not_text": {
        "en": "{n} {n:form holds|forms hold} an answer that is not a text (the first: form "
              "{uuid}).",
        "es": "{n} {n:formulario tiene|formularios tienen} una respuesta que no es un texto "
              "(el "
              "primero: "
              "formulario {uuid})."},
    "out.check_finding_answers_unknown": {
        "en": "{n} {n:form holds|forms hold} an answer to a question no questionnaire "
              "version has "
              "(the "
              "first: form {uuid}, question {question}).",
        "es": "{n} {n:formulario tiene|formularios tienen} una respuesta a una pregunta que "
              "ninguna versión del "
              "cuestionario tiene (el primero: formulario {uuid}, pregunta {question})."},
    "out.check_finding_schema": {
        "en": "The schema is version {version}; this program expects {expected}.",
        "es": "El esquema es la versión {version}; este programa espera la {expected}."},
    "out.check_finding_trigger_missing": {
        "en": "The protective trigger {name} is missing, so audit rows could be rewritten "
              "without a trace.",
        "es": "Falta el disparador de protección {name}, así que las filas de auditoría "
              "podrían reescribirse sin dejar rastro."},
    "out.check_finding_trigger_changed": {
        "en": "The protective trigger {name} was changed from what the schema made.",
        "es": "El disparador de protección {name} fue cambiado respecto de lo que creó el "
              "esquema."},
    "out.check_finding_chain_unhashed": {
        "en": "Audit row {row} of device {device} has no hash after the chain started, so "
              "it was added around the program.",
        "es": "La fila de auditoría {row} del equipo {device} no tiene hash después de "
              "iniciada la cadena, así que se agregó por fuera del programa."},
    "out.check_finding_chain_order": {
        "en": "Audit row {row} of device {device} does not follow the row before it, so a "
              "row was removed, added or moved.",
        "es": "La fila de auditoría {row} del equipo {device} no sigue a la fila anterior, "
              "así que se quitó, agregó o movió una fila."},
    "out.check_finding_chain_hash": {
        "en": "Audit row {row} of device {device} does not match its hash, so it was "
              "changed after it was written.",
        "es": "La fila de auditoría {row} del equipo {device} no coincide con su hash, así "
              "que se cambió después de escribirse."},

    # riskmap keys hq-init / keys device / export / import
    "out.hq_identity": {
        "en": "Identity (secret, keep at HQ only): {path}",
        "es": "Identidad (secreta, solo en la sede): {path}"},
    "out.hq_recipient": {
        "en": "Recipient (give to field teams):    {path}",
        "es": "Destinatario (para los equipos):      {path}"},
    "out.device_id": {"en": "device id:   {value}", "es": "id del equipo: {value}"},
    "out.fingerprint": {"en": "fingerprint: {value}", "es": "huella:        {value}"},
    "out.device_key_plaintext": {
        "en": "Note: this project is not encrypted, so its device key sits in a plaintext "
              "file; open it in the window once to encrypt it.",
        "es": "Nota: este proyecto no está cifrado, así que su clave de equipo está en un "
              "archivo sin cifrar; ábralo una vez en la ventana para cifrarlo."},
    "out.enrol_with": {
        "en": 'HQ enrols this laptop with: riskmap devices trust --db HQ.db "{fingerprint}" '
              "--name LABEL",
        "es": 'La sede inscribe esta computadora con: riskmap devices trust --db SEDE.db '
              '"{fingerprint}" --name NOMBRE'},
    "out.exported": {
        "en": "Wrote {path} ({forms} {forms:form|forms}, {audit} audit {audit:row|rows}, "
              "bundle "
              "{sequence} of device "
              "{device}).",
        "es": "Se escribió {path} ({forms} {forms:formulario|formularios}, {audit} "
              "{audit:fila|filas} de auditoría, paquete "
              "{sequence} del equipo {device})."},
    "out.imported": {
        "en": "{bundle_file}: imported from {device} (bundle {sequence}): {new} new, {updated} "
              "updated, {unchanged} unchanged, {conflicting} conflicting{gaps}.",
        "es": "{bundle_file}: importado de {device} (paquete {sequence}): {new} "
              "{new:nuevo|nuevos}, "
              "{updated} {updated:actualizado|actualizados}, {unchanged} sin cambios, "
              "{conflicting} en conflicto{gaps}."},
    "out.import_gaps": {"en": "; missing earlier bundles: {sequences}",
                        "es": "; faltan paquetes anteriores: {sequences}"},
    "out.import_restored": {
        "en": "  {device} numbered bundle {sequence} twice: this one comes from another copy "
              "of the project (such as a backup restored after a loss) whose audit log "
              "branches from the one headquarters holds; the forms and audit rows of both "
              "copies are kept, and a form keyed in both shows as a conflict.",
        "es": "  {device} numeró dos veces el paquete {sequence}: este viene de otra copia "
              "del proyecto (por ejemplo, una copia de seguridad restaurada tras una "
              "pérdida) cuyo registro de auditoría se bifurca del que tiene la sede; se "
              "conservan los formularios y las filas de auditoría de ambas copias, y un "
              "formulario registrado en las dos aparece como conflicto."},
    "out.import_round_again": {
        "en": "  Round {name} was made again in this copy (kept as {kept_as}): a paper form "
              "keyed in both rounds counts twice until the analyst deletes one of them.",
        "es": "  La ronda {name} se volvió a crear en esta copia (se guardó como "
              "{kept_as}): un formulario en papel registrado en ambas rondas cuenta dos "
              "veces hasta que el analista elimine uno de ellos."},
    "out.restored_copy_branch": {
        "en": "  {device}: bundle {sequence}, imported {imported}, came from another copy "
              "of the project (such as a backup restored after a loss); its audit rows "
              "branch from an earlier row of the device's chain, and both branches are "
              "kept.",
        "es": "  {device}: el paquete {sequence}, importado el {imported}, vino de otra "
              "copia del proyecto (por ejemplo, una copia de seguridad restaurada tras una "
              "pérdida); sus filas de auditoría se bifurcan de una fila anterior de la "
              "cadena del equipo, y se conservan ambas ramas."},
    "out.relayed_branch_line": {
        "en": "  {device}: its audit rows branch from an earlier row of its chain (a copy of "
              "its project restored from a backup), as relayed by {relayer} in its bundle "
              "{sequence}, imported {imported}; both branches are kept.",
        "es": "  {device}: sus filas de auditoría se bifurcan de una fila anterior de su "
              "cadena (una copia de su proyecto restaurada de una copia de seguridad), según "
              "lo retransmitió {relayer} en su paquete {sequence}, importado el {imported}; "
              "se conservan ambas ramas."},
    "out.import_differs": {"en": "  questionnaire differs from HQ's: {difference}",
                           "es": "  el cuestionario difiere del de la sede: {difference}"},

    # riskmap forms import
    "out.forms_imported": {
        "en": "Imported {n} {n:form|forms} into round {round}{made} of {path}.",
        "es": "{n:Se importó|Se importaron} {n} {n:formulario|formularios} a la ronda "
              "{round}{made} "
              "de {path}."},
    "out.new_round": {"en": " (new round)", "es": " (ronda nueva)"},
    "out.table_problem": {"en": "line {line}, column {column}: {reason}",
                          "es": "línea {line}, columna {column}: {reason}"},
    "out.table_more": {"en": "and {n} more", "es": "y {n} más"},

    # riskmap keys recover / passphrase; the reason a new passphrase is too weak
    "out.passphrase_set": {
        "en": "{path}: the new passphrase is set; the old one no longer opens it.",
        "es": "{path}: la nueva frase de acceso quedó puesta; la anterior ya no lo abre."},
    "out.weak_short": {"en": "use at least {n} {n:character|characters}",
                       "es": "use al menos {n} {n:carácter|caracteres}"},
    "out.weak_alike": {"en": "use more different characters",
                       "es": "use más caracteres distintos"},

    # riskmap print-form / codebook / report / data / query
    "out.printed": {
        "en": "Printed {copies} of questionnaire {id} {version} to {path}.",
        "es": "Impreso en {path}: {copies} del cuestionario {id} {version}."},
    "out.one_blank_form": {"en": "one blank form", "es": "un formulario en blanco"},
    "out.one_numbered_form": {"en": "{n} numbered form", "es": "{n} formulario numerado"},
    "out.numbered_forms": {"en": "{n} numbered forms", "es": "{n} formularios numerados"},
    "out.codebook": {
        "en": "Codebook of {n} questionnaire {n:version|versions} written to {path}.",
        "es": "Libro de códigos de {n} {n:versión|versiones} del cuestionario escrito en "
              "{path}."},
    "out.report": {
        "en": "Report on {forms} {forms:form|forms} written to {path}: {files}",
        "es": "Informe de {forms} {forms:formulario|formularios} escrito en {path}: {files}"},
    "out.fewer_than": {"en": "fewer than {n}", "es": "menos de {n}"},
    "out.data": {
        "en": "Data of {n} {n:form|forms} written to {path} ({state}): {files}",
        "es": "Datos de {n} {n:formulario|formularios} escritos en {path} ({state}): {files}"},
    "out.data_guarded": {
        "en": "guard on, k = {k}: {suppressed} {suppressed:value|values} suppressed, unique "
              "combinations "
              "{before} -> {after}",
        "es": "protección activa, k = {k}: {suppressed} "
              "{suppressed:valor suprimido|valores suprimidos}, combinaciones "
              "únicas {before} -> {after}"},
    "out.data_unguarded": {
        "en": "guard OFF, recorded in the audit log",
        "es": "protección DESACTIVADA, anotado en el registro de auditoría"},
    "out.one_row": {"en": "(1 row)", "es": "(1 fila)"},
    "out.rows": {"en": "({n} {n:row|rows})", "es": "({n} {n:fila|filas})"},

    # riskmap devices list|trust|revoke, questionnaire add|list|adopt
    "out.device_row": {
        "en": "{fingerprint}  {device}  {name}  {state} (enrolled {enrolled}; {forms} "
              "{forms:form|forms} at HQ keyed on it)",
        "es": "{fingerprint}  {device}  {name}  {state} (inscrito el {enrolled}; {forms} "
              "{forms:formulario|formularios} en la sede {forms:digitado|digitados} en él)"},
    "out.device_revoked": {
        "en": "REVOKED {revoked} by {by}: its forms are kept, marked as from a revoked device",
        "es": "REVOCADO el {revoked} por {by}: sus formularios se conservan, marcados como de "
              "un equipo revocado"},
    "out.device_enrolled": {"en": "enrolled", "es": "inscrito"},
    "out.no_bundle_yet": {"en": "(no bundle yet)", "es": "(aún sin paquetes)"},
    "out.no_devices": {
        "en": "No device is enrolled; enrol one with `riskmap devices trust`.",
        "es": "No hay equipos inscritos; inscriba uno con `riskmap devices trust`."},
    "out.round_allowed": {
        "en": "Device {device} may now add and change forms in round {round} (the round of "
              "{owner}); import its held bundles again.",
        "es": "El dispositivo {device} ya puede agregar y cambiar formularios de la ronda "
              "{round} (ronda de {owner}); vuelva a importar sus paquetes retenidos."},
    "out.round_origin_unknown": {"en": "no device (made here, or not known)",
                                 "es": "ningún dispositivo (creada aquí, o no se sabe)"},
    "out.check_round_origins": {
        "en": "whose rounds:    {known} of a device (its maker's once the maker has signed a "
              "bundle here, else the one whose bundle brought it first), {here} made here or "
              "of unknown origin; a bundle adding forms to another device's round is held",
        "es": "de quién son:       {known} rondas de un dispositivo (de su creador cuando "
              "este ya firmó un paquete aquí; si no, del que la trajo primero en un paquete), "
              "{here} creadas aquí o de origen desconocido; un paquete que agrega "
              "formularios a la ronda de otro dispositivo queda retenido"},
    "out.round_shared": {
        "en": "  round {round}: device {device} may add forms too (the round of {owner}); "
              "allowed {allowed} by {by}{reason}",
        "es": "  ronda {round}: el dispositivo {device} también puede agregar formularios "
              "(ronda de {owner}); permitido el {allowed} por {by}{reason}"},
    "out.enrolled": {
        "en": "Enrolled {fingerprint}{name}: its bundles can be imported.",
        "es": "Inscrito {fingerprint}{name}: sus paquetes se pueden importar."},
    "out.round_maker_found": {
        "en": "Round {round} was made on this laptop: from its first bundle on, its bundles "
              "add and change forms in it.",
        "es": "La ronda {round} se creó en este portátil: desde su primer paquete, sus "
              "paquetes agregan y cambian formularios en ella."},
    "out.round_maker_taken": {
        "en": "Round {round} was made on this laptop, so from its first bundle on it is this "
              "laptop's round: device {brought}, which brought it to headquarters first, "
              "keeps its {forms} {forms:form|forms} there but adds no more unless allowed "
              "with riskmap devices allow.",
        "es": "La ronda {round} se creó en este portátil, así que desde su primer paquete es "
              "la ronda de este portátil: el dispositivo {brought}, que la trajo primero a "
              "la sede, conserva en ella sus {forms} {forms:formulario|formularios} pero no "
              "agrega más salvo que se le permita con riskmap devices allow."},
    "out.device_allowed_unlisted": {
        "en": "{device} (no enrolled key has sent a bundle under this id yet):",
        "es": "{device} (ninguna clave inscrita ha enviado aún un paquete con este "
              "identificador):"},
    "out.device_allowed_in": {
        "en": "    allowed into round {round} (the round of {owner}) on {allowed} by "
              "{by}{reason}",
        "es": "    con permiso en la ronda {round} (ronda de {owner}) desde el {allowed}, "
              "por {by}{reason}"},
    "out.revoked": {
        "en": "Revoked {fingerprint}: its later bundles are refused; the {kept} forms keyed "
              "on it stay at HQ, marked as from a revoked device.",
        "es": "Revocado {fingerprint}: sus paquetes siguientes se rechazan; los {kept} "
              "formularios digitados en él quedan en la sede, marcados como de un equipo "
              "revocado."},
    "out.note": {"en": "note: {warning}", "es": "nota: {warning}"},
    "out.already_stored": {
        "en": "{id} {version} is stored in {path} already; nothing changed.",
        "es": "{id} {version} ya está guardado en {path}; no cambió nada."},
    "out.stored": {
        "en": "Stored {id} {version} ({n} {n:question|questions}) in {path}; the project "
              "still uses "
              "{in_use}.",
        "es": "Se guardó {id} {version} ({n} {n:pregunta|preguntas}) en {path}; el proyecto "
              "sigue "
              "usando "
              "{in_use}."},
    "out.version_row": {"en": "{mark}  {sha}  {id} {version}  (added {added})",
                        "es": "{mark}  {sha}  {id} {version}  (agregado el {added})"},
    "out.adopted_mark": {"en": "adopted", "es": "adoptada"},
    "out.adopted": {"en": "Adopted {id} {version} ({sha}) for {path}.",
                    "es": "Se adoptó {id} {version} ({sha}) para {path}."},

    # riskmap operators (commands/operator_commands.py); roles stay as --role spells them
    "out.operator_active": {"en": "active", "es": "activo"},
    "out.operator_inactive": {"en": "deactivated", "es": "desactivado"},
    "out.no_operators": {
        "en": "No operators yet; the first `riskmap operators add` (or the first sign-in in "
              "the window) makes the supervisor.",
        "es": "Todavía no hay operadores; el primer `riskmap operators add` (o el primer "
              "inicio de sesión en la ventana) crea el supervisor."},
    "out.operator_added": {"en": "Added {name} ({role}).",
                           "es": "Se agregó a {name} ({role})."},
    "out.operator_role": {"en": "{name} is now {role}.", "es": "{name} ahora es {role}."},
    "out.operator_pin": {"en": "{name} has a new PIN.", "es": "{name} tiene un PIN nuevo."},
    "out.operator_renamed": {"en": "{old} is now called {name}.",
                             "es": "{old} ahora se llama {name}."},
    "out.operator_reactivated": {
        "en": "{name} can sign in again, with the PIN they had.",
        "es": "{name} puede volver a iniciar sesión, con el PIN que tenía."},
    "out.operator_deactivated": {
        "en": "{name} can no longer sign in; their forms keep their operator id.",
        "es": "{name} ya no puede iniciar sesión; sus formularios conservan su id de "
              "operador."},

    # any command
    "out.interrupted": {"en": "interrupted.", "es": "interrumpido."},
}


# The lines kept in modules of their own.
from .copy_messages import COPY_LINES  # noqa: E402

if COMMAND_MESSAGES.keys() & COPY_LINES.keys():
    raise KeyError(f"defined twice: {sorted(COMMAND_MESSAGES.keys() & COPY_LINES.keys())}")
COMMAND_MESSAGES.update(COPY_LINES)

from .maker_messages import MAKER_LINES  # noqa: E402

if COMMAND_MESSAGES.keys() & MAKER_LINES.keys():
    raise KeyError(f"defined twice: {sorted(COMMAND_MESSAGES.keys() & MAKER_LINES.keys())}")
COMMAND_MESSAGES.update(MAKER_LINES)
