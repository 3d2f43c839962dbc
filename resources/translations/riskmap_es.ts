<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- riskmap_es.ts: generated and merged by `make translations` (pyside6-lupdate over desktop/charts, desktop/selftest, desktop/ui); edit the <translation> texts only. The .qm file beside it is compiled from this file by pyside6-lrelease. -->
<TS version="2.1" language="es_419" sourcelanguage="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About {name}</source>
        <translation>Acerca de {name}</translation>
    </message>
    <message>
        <source>run from source</source>
        <translation>ejecutado desde el código fuente</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Build date</source>
        <translation>Fecha de compilación</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>{qt} (PySide6 {pyside})</source>
        <translation>{qt} (PySide6 {pyside})</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Device key fingerprint</source>
        <translation>Huella de la clave del dispositivo</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
    <message>
        <source>Headquarters checks this fingerprint on every bundle from this laptop.</source>
        <translation>La sede central verifica esta huella en cada paquete enviado desde esta computadora.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copiar detalles</translation>
    </message>
    <message>
        <source>Key paper survey forms offline, verify them, chart the risks and send encrypted, signed bundles to headquarters.</source>
        <translation>Digite formularios de encuesta en papel sin conexión, verifíquelos, grafique los riesgos y envíe paquetes cifrados y firmados a la sede central.</translation>
    </message>
</context>
<context>
    <name>ActivityChart</name>
    <message>
        <source>Forms</source>
        <translation>Formularios</translation>
    </message>
    <message>
        <source>Forms keyed per day</source>
        <translation>Formularios digitados por día</translation>
    </message>
    <message>
        <source>Forms per post</source>
        <translation>Formularios por puesto</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>oculto</translation>
    </message>
    <message>
        <source>{day}: hidden to protect respondents</source>
        <translation>{day}: oculto para proteger a los encuestados</translation>
    </message>
    <message numerus="yes">
        <source>{day}: %Ln form(s)</source>
        <translation>
            <numerusform>{day}: %Ln formulario</numerusform>
            <numerusform>{day}: %Ln formularios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{post}: %Ln form(s)</source>
        <translation>
            <numerusform>{post}: %Ln formulario</numerusform>
            <numerusform>{post}: %Ln formularios</numerusform>
        </translation>
    </message>
    <message>
        <source>{post}: hidden to protect respondents</source>
        <translation>{post}: oculto para proteger a los encuestados</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>hidden (min. {n})</source>
        <translation>oculto (mín. {n})</translation>
    </message>
</context>
<context>
    <name>ClimateChart</name>
    <message>
        <source>% of valid answers (disagree ← → agree)</source>
        <translation>% de respuestas válidas (en desacuerdo ← → de acuerdo)</translation>
    </message>
    <message>
        <source>Integrity climate</source>
        <translation>Clima de integridad</translation>
    </message>
    <message>
        <source>{number} {label}: hidden to protect respondents</source>
        <translation>{number} {label}: oculto para proteger a los encuestados</translation>
    </message>
    <message>
        <source>{number} {label}
{parts}
n = {n}</source>
        <translation>{number} {label}
{parts}
n = {n}</translation>
    </message>
    <message>
        <source>Hidden: {share:.0f}%</source>
        <translation>Oculto: {share:.0f}%</translation>
    </message>
</context>
<context>
    <name>ConflictTable</name>
    <message>
        <source>No.</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>HQ (current)</source>
        <translation>Sede central (actual)</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Entrante</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisión</translation>
    </message>
    <message>
        <source>HQ kept</source>
        <translation>Se mantuvo la sede central</translation>
    </message>
    <message>
        <source>Incoming kept</source>
        <translation>Se mantuvo la entrante</translation>
    </message>
    <message>
        <source>Typed</source>
        <translation>Escrito</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <source>Form</source>
        <translation>Formulario</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Ronda</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>HQ version</source>
        <translation>Versión de la sede central</translation>
    </message>
    <message>
        <source>Incoming version</source>
        <translation>Versión entrante</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Diferencias</translation>
    </message>
    <message>
        <source>Keep HQ</source>
        <translation>Mantener sede central</translation>
    </message>
    <message>
        <source>Keep incoming</source>
        <translation>Mantener entrante</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>Why you decided this way (kept in the audit log)</source>
        <translation>Por qué decidió así (queda en el registro de auditoría)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>Two different paper forms: new number for the incoming one</source>
        <translation>Dos formularios en papel distintos: número nuevo para el entrante</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Mantener ambos</translation>
    </message>
    <message>
        <source>Compare each row with the paper or ask the teams: {hq} keeps HQ&apos;s value, {incoming} the incoming one, {typed} lets you type the right value ({confirm} applies). Up and Down move between rows. Write the reason, then {apply} saves the form with the chosen values. The incoming version is always kept.</source>
        <translation>Compare cada fila con el papel o consulte a los equipos: {hq} mantiene el valor de la sede central, {incoming} el entrante, {typed} permite escribir el valor correcto ({confirm} lo aplica). Las flechas arriba y abajo cambian de fila. Escriba el motivo y luego {apply} guarda el formulario con los valores elegidos. La versión entrante se conserva siempre.</translation>
    </message>
    <message>
        <source>Conflicts waiting for a decision: {n}</source>
        <translation>Conflictos pendientes de decisión: {n}</translation>
    </message>
    <message>
        <source>Both edited the same version</source>
        <translation>Ambos editaron la misma versión</translation>
    </message>
    <message>
        <source>Edits of an older version</source>
        <translation>Cambios sobre una versión anterior</translation>
    </message>
    <message>
        <source>Same paper number</source>
        <translation>Mismo número en papel</translation>
    </message>
    <message>
        <source>(no form at HQ)</source>
        <translation>(no hay formulario en la sede central)</translation>
    </message>
    <message>
        <source>{device} · {operator} · {time}</source>
        <translation>{device} · {operator} · {time}</translation>
    </message>
    <message>
        <source>No conflict is waiting. Conflicts appear here when two laptops changed the same form.</source>
        <translation>No hay conflictos pendientes. Los conflictos aparecen aquí cuando dos computadoras cambiaron el mismo formulario.</translation>
    </message>
    <message numerus="yes">
        <source>Form {n} ({round}): HQ revision {hq_rev} from {hq_device} beside revision {in_rev} from {in_device}; %n answer(s) differ.</source>
        <translation>
            <numerusform>Formulario {n} ({round}): revisión {hq_rev} de la sede central, de {hq_device}, junto a la revisión {in_rev} de {in_device}; %n respuesta difiere.</numerusform>
            <numerusform>Formulario {n} ({round}): revisión {hq_rev} de la sede central, de {hq_device}, junto a la revisión {in_rev} de {in_device}; %n respuestas difieren.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two versions also differ in status or number (HQ: {hq_status}, form {hq_n}; incoming: {in_status}, form {in_n}); only the answers are chosen here.</source>
        <translation>Las dos versiones también difieren en estado o número (sede central: {hq_status}, formulario {hq_n}; entrante: {in_status}, formulario {in_n}); aquí solo se eligen las respuestas.</translation>
    </message>
    <message>
        <source>Every question has a decision. Write the reason and press {apply}.</source>
        <translation>Todas las preguntas tienen una decisión. Escriba el motivo y presione {apply}.</translation>
    </message>
    <message>
        <source>Question {number} has no decision yet.</source>
        <translation>La pregunta {number} todavía no tiene decisión.</translation>
    </message>
    <message>
        <source>Type the number written on the incoming paper form.</source>
        <translation>Escriba el número que figura en el formulario en papel entrante.</translation>
    </message>
    <message>
        <source>Write the reason for this decision first; it is kept in the audit log.</source>
        <translation>Primero escriba el motivo de esta decisión; queda en el registro de auditoría.</translation>
    </message>
    <message>
        <source>Conflict on form {n} resolved; the form is now at revision {revision}.</source>
        <translation>Conflicto del formulario {n} resuelto; el formulario está ahora en la revisión {revision}.</translation>
    </message>
    <message>
        <source>The result would not be a valid form: {problems}</source>
        <translation>El resultado no sería un formulario válido: {problems}</translation>
    </message>
    <message>
        <source>This conflict was resolved already.</source>
        <translation>Este conflicto ya fue resuelto.</translation>
    </message>
    <message>
        <source>HQ&apos;s form of this conflict is gone; keep the incoming form as a form of its own instead.</source>
        <translation>El formulario de la sede central de este conflicto ya no existe; mantenga el formulario entrante como un formulario aparte.</translation>
    </message>
    <message>
        <source>Both versions are edits of the same form; choose the values question by question instead.</source>
        <translation>Ambas versiones son cambios del mismo formulario; elija los valores pregunta por pregunta.</translation>
    </message>
</context>
<context>
    <name>DashboardExports</name>
    <message>
        <source>Save charts in</source>
        <translation>Guardar gráficos en</translation>
    </message>
    <message>
        <source>The charts could not be saved: {error}. Choose another folder.</source>
        <translation>No se pudieron guardar los gráficos: {error}. Elija otra carpeta.</translation>
    </message>
    <message>
        <source>Save tables</source>
        <translation>Guardar tablas</translation>
    </message>
    <message>
        <source>scores.xlsx</source>
        <translation>puntajes.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV files (*.csv)</source>
        <translation>Libro de Excel (*.xlsx);;Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Guardar informe</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>report.pdf</source>
        <translation>informe.pdf</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Guardado: {path}.</translation>
    </message>
    <message>
        <source>The file could not be written: {error}. Check the folder and try again.</source>
        <translation>No se pudo escribir el archivo: {error}. Revise la carpeta e intente de nuevo.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
</context>
<context>
    <name>DashboardFilters</name>
    <message>
        <source>&amp;Round</source>
        <translation>&amp;Ronda</translation>
    </message>
    <message>
        <source>&amp;Institution</source>
        <translation>&amp;Institución</translation>
    </message>
    <message>
        <source>&amp;Post</source>
        <translation>&amp;Puesto</translation>
    </message>
    <message>
        <source>&amp;Unit type</source>
        <translation>&amp;Tipo de unidad</translation>
    </message>
    <message>
        <source>Ran&amp;k</source>
        <translation>&amp;Grado</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todos</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Show &amp;all</source>
        <translation>&amp;Mostrar todo</translation>
    </message>
    <message>
        <source>Risks</source>
        <translation>Riesgos</translation>
    </message>
    <message>
        <source>Integrity climate</source>
        <translation>Clima de integridad</translation>
    </message>
    <message>
        <source>Forms keyed</source>
        <translation>Formularios digitados</translation>
    </message>
    <message>
        <source>Save charts…</source>
        <translation>Guardar gráficos…</translation>
    </message>
    <message>
        <source>Save every chart as PNG and SVG in a folder</source>
        <translation>Guardar todos los gráficos como PNG y SVG en una carpeta</translation>
    </message>
    <message>
        <source>Save tables…</source>
        <translation>Guardar tablas…</translation>
    </message>
    <message>
        <source>Save the score tables as CSV or Excel</source>
        <translation>Guardar las tablas de puntajes como CSV o Excel</translation>
    </message>
    <message>
        <source>PDF report…</source>
        <translation>Informe PDF…</translation>
    </message>
    <message>
        <source>Write a printable report of this selection</source>
        <translation>Escribir un informe imprimible de esta selección</translation>
    </message>
    <message>
        <source>Reading the forms…</source>
        <translation>Leyendo los formularios…</translation>
    </message>
    <message>
        <source>The forms could not be read: {error}</source>
        <translation>No se pudieron leer los formularios: {error}</translation>
    </message>
    <message>
        <source>Fewer than {n} forms match this selection: nothing is shown, to protect the respondents.</source>
        <translation>Menos de {n} formularios coinciden con esta selección: no se muestra nada, para proteger a los encuestados.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln form(s), keyed {first} to {last}.</source>
        <translation>
            <numerusform>%Ln formulario, digitado del {first} al {last}.</numerusform>
            <numerusform>%Ln formularios, digitados del {first} al {last}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Figures from fewer than {n} respondents are hidden.</source>
        <translation>Se ocultan las cifras de menos de {n} encuestados.</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>Clasificación</translation>
    </message>
</context>
<context>
    <name>DataDialog</name>
    <message>
        <source>Data for analysts</source>
        <translation>Datos para analistas</translation>
    </message>
    <message>
        <source>One row per entered or verified form, with labels, for Excel, Stata, SPSS and R. Profile answers are suppressed where fewer than k forms share them, so no respondent can be singled out; a disclosure report is written beside the files.</source>
        <translation>Una fila por formulario ingresado o verificado, con etiquetas, para Excel, Stata, SPSS y R. Las respuestas de perfil se suprimen donde menos de k formularios las comparten, para que ningún encuestado pueda ser identificado; junto a los archivos se escribe un informe de divulgación.</translation>
    </message>
    <message>
        <source>CSV (with label columns)</source>
        <translation>CSV (con columnas de etiquetas)</translation>
    </message>
    <message>
        <source>Excel (.xlsx)</source>
        <translation>Excel (.xlsx)</translation>
    </message>
    <message>
        <source>Stata (.dta)</source>
        <translation>Stata (.dta)</translation>
    </message>
    <message>
        <source>SPSS (.sav)</source>
        <translation>SPSS (.sav)</translation>
    </message>
    <message>
        <source>All rounds</source>
        <translation>Todas las rondas</translation>
    </message>
    <message>
        <source>Each combination of profile answers must be shared by at least this many forms (the minimum group size).</source>
        <translation>Cada combinación de respuestas de perfil debe ser compartida por al menos esta cantidad de formularios (el tamaño mínimo de grupo).</translation>
    </message>
    <message>
        <source>Only a supervisor may choose less than the project&apos;s minimum, {k}.</source>
        <translation>Solo un supervisor puede elegir menos que el mínimo del proyecto, {k}.</translation>
    </message>
    <message>
        <source>Add free-text answers (they can name people; read them before sharing)</source>
        <translation>Agregar las respuestas de texto libre (pueden nombrar a personas; léalas antes de compartir)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>Formatos</translation>
    </message>
    <message>
        <source>Labels in</source>
        <translation>Etiquetas en</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Ronda</translation>
    </message>
    <message>
        <source>k (fewest forms per profile)</source>
        <translation>k (mínimo de formularios por perfil)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Write files</source>
        <translation>Escribir archivos</translation>
    </message>
    <message>
        <source>Folder for the data files</source>
        <translation>Carpeta para los archivos de datos</translation>
    </message>
    <message>
        <source>Save the project to a file first.</source>
        <translation>Primero guarde el proyecto en un archivo.</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Escribiendo…</translation>
    </message>
    <message>
        <source>Wrote {files} for {forms} in {folder}. {suppressed}; combinations shared by a single form: {before} before, {after} after. The disclosure report is {report}.</source>
        <translation>Se escribieron {files} para {forms} en {folder}. {suppressed}; combinaciones de un solo formulario: {before} antes, {after} después. El informe de divulgación es {report}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln form(s)</source>
        <translation>
            <numerusform>%Ln formulario</numerusform>
            <numerusform>%Ln formularios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln profile value(s) were suppressed</source>
        <translation>
            <numerusform>Se suprimió %Ln valor de perfil</numerusform>
            <numerusform>Se suprimieron %Ln valores de perfil</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %n form(s) match, fewer than k = {k}: a row-level file could name the respondents, so nothing was written.</source>
        <translation>
            <numerusform>Solo coincide %n formulario, menos que k = {k}: un archivo por fila podría identificar a los encuestados, así que no se escribió nada.</numerusform>
            <numerusform>Solo coinciden %n formularios, menos que k = {k}: un archivo por fila podría identificar a los encuestados, así que no se escribió nada.</numerusform>
        </translation>
    </message>
    <message>
        <source>The folder is a file; choose a folder.</source>
        <translation>La carpeta es un archivo; elija una carpeta.</translation>
    </message>
    <message>
        <source>The files could not be written; the details are in the log file.</source>
        <translation>No se pudieron escribir los archivos; los detalles están en el archivo de registro.</translation>
    </message>
</context>
<context>
    <name>DatabaseActions</name>
    <message>
        <source>Database not opened</source>
        <translation>Base de datos no abierta</translation>
    </message>
    <message>
        <source>{path} could not be opened; the details are in the log file.</source>
        <translation>No se pudo abrir {path}; los detalles están en el archivo de registro.</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>Nueva base de datos</translation>
    </message>
    <message>
        <source>File exists</source>
        <translation>El archivo ya existe</translation>
    </message>
    <message>
        <source>{path} exists already. Use Open to work on it, or choose a new name.</source>
        <translation>{path} ya existe. Use Abrir para trabajar en él o elija otro nombre.</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>Abrir base de datos</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(ninguna todavía)</translation>
    </message>
    <message>
        <source>Backup copy</source>
        <translation>Copia de respaldo</translation>
    </message>
    <message>
        <source>Backup not made</source>
        <translation>No se hizo la copia de respaldo</translation>
    </message>
    <message>
        <source>The copy could not be written to {path}; the details are in the log file.</source>
        <translation>No se pudo escribir la copia en {path}; los detalles están en el archivo de registro.</translation>
    </message>
    <message>
        <source>The demo project could not be created; the details are in the log file.</source>
        <translation>No se pudo crear el proyecto de demostración; los detalles están en el archivo de registro.</translation>
    </message>
    <message>
        <source>Backup copy saved to {path}</source>
        <translation>Copia de respaldo guardada en {path}</translation>
    </message>
    <message>
        <source>Creating the demo project… Its passphrase is: {passphrase}</source>
        <translation>Creando el proyecto de demostración… Su frase de acceso es: {passphrase}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Demo project opened. Its passphrase is: {passphrase}</source>
        <translation>Proyecto de demostración abierto. Su frase de acceso es: {passphrase}</translation>
    </message>
    <message>
        <source>Demo not created</source>
        <translation>No se creó la demostración</translation>
    </message>
</context>
<context>
    <name>DiscrepancyTable</name>
    <message>
        <source>No.</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>First keying</source>
        <translation>Primera digitación</translation>
    </message>
    <message>
        <source>Second keying</source>
        <translation>Segunda digitación</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisión</translation>
    </message>
    <message>
        <source>(blank)</source>
        <translation>(en blanco)</translation>
    </message>
    <message>
        <source>First kept</source>
        <translation>Se mantuvo la primera</translation>
    </message>
    <message>
        <source>Second kept</source>
        <translation>Se mantuvo la segunda</translation>
    </message>
    <message>
        <source>Typed</source>
        <translation>Escrito</translation>
    </message>
</context>
<context>
    <name>EntryView</name>
    <message>
        <source>Form number</source>
        <translation>Número de formulario</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Save as draft</source>
        <translation>Guardar como borrador</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>Historial…</translation>
    </message>
    <message>
        <source>Save the form ({keys})</source>
        <translation>Guardar el formulario ({keys})</translation>
    </message>
    <message>
        <source>Save an incomplete form ({keys})</source>
        <translation>Guardar un formulario incompleto ({keys})</translation>
    </message>
    <message>
        <source>Every change of this form ({keys})</source>
        <translation>Todos los cambios de este formulario ({keys})</translation>
    </message>
    <message>
        <source>New form</source>
        <translation>Nuevo formulario</translation>
    </message>
    <message>
        <source>Unsaved form</source>
        <translation>Formulario sin guardar</translation>
    </message>
    <message>
        <source>This form has changes that are not saved. Save them now?</source>
        <translation>Este formulario tiene cambios sin guardar. ¿Desea guardarlos ahora?</translation>
    </message>
    <message numerus="yes">
        <source>Not saved: %n question(s) need attention (shown in red).</source>
        <translation>
            <numerusform>No se guardó: %n pregunta requiere atención (marcada en rojo).</numerusform>
            <numerusform>No se guardó: %n preguntas requieren atención (marcadas en rojo).</numerusform>
        </translation>
    </message>
    <message>
        <source>Change a verified form</source>
        <translation>Cambiar un formulario verificado</translation>
    </message>
    <message>
        <source>This form was already verified. Why is it being changed?</source>
        <translation>Este formulario ya fue verificado. ¿Por qué se está cambiando?</translation>
    </message>
    <message>
        <source>Save change</source>
        <translation>Guardar cambio</translation>
    </message>
    <message>
        <source>Form {n} saved as a draft.</source>
        <translation>Formulario {n} guardado como borrador.</translation>
    </message>
    <message>
        <source>Form {n} saved.</source>
        <translation>Formulario {n} guardado.</translation>
    </message>
    <message>
        <source>History is shown for saved forms: open one from Records.</source>
        <translation>El historial se muestra para formularios guardados: abra uno desde Registros.</translation>
    </message>
    <message>
        <source>End of the form: press {keys} to save.</source>
        <translation>Fin del formulario: presione {keys} para guardar.</translation>
    </message>
    <message>
        <source>{next} or {tab}: next question · {back}: back · {save}: save · {draft}: save as draft</source>
        <translation>{next} o {tab}: siguiente pregunta · {back}: atrás · {save}: guardar · {draft}: guardar como borrador</translation>
    </message>
    <message>
        <source>Editing form {n} ({status})</source>
        <translation>Editando el formulario {n} ({status})</translation>
    </message>
    <message>
        <source>{done} of {total} answered</source>
        <translation>{done} de {total} respondidas</translation>
    </message>
</context>
<context>
    <name>ExportView</name>
    <message>
        <source>Recipients...</source>
        <translation>Destinatarios...</translation>
    </message>
    <message>
        <source>Only what changed since the last export</source>
        <translation>Solo lo que cambió desde la última exportación</translation>
    </message>
    <message>
        <source>Everything (full export)</source>
        <translation>Todo (exportación completa)</translation>
    </message>
    <message>
        <source>Folder for the bundle, e.g. a USB stick</source>
        <translation>Carpeta para el paquete, p. ej. una memoria USB</translation>
    </message>
    <message>
        <source>Choose folder...</source>
        <translation>Elegir carpeta...</translation>
    </message>
    <message>
        <source>Export bundle</source>
        <translation>Exportar paquete</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>New bundle</source>
        <translation>Nuevo paquete</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sentido</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation>Creado (UTC)</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>Formularios</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message numerus="yes">
        <source>Encrypted to %n recipient(s): {keys}</source>
        <translation>
            <numerusform>Cifrado para %n destinatario: {keys}</numerusform>
            <numerusform>Cifrado para %n destinatarios: {keys}</numerusform>
        </translation>
    </message>
    <message>
        <source>{n} (another copy)</source>
        <translation>{n} (otra copia)</translation>
    </message>
    <message>
        <source>Bundle {n} numbered twice: this one came from another copy of the project (such as a backup restored after a loss) whose audit log branches from HQ&apos;s; the forms and audit rows of both copies are kept</source>
        <translation>El paquete {n} se numeró dos veces: este vino de otra copia del proyecto (por ejemplo, una copia de seguridad restaurada tras una pérdida) cuyo registro de auditoría se bifurca del de la sede; se conservan los formularios y las filas de auditoría de ambas copias</translation>
    </message>
    <message>
        <source>Saved {count} files, a series of {count} parts (send them all): {forms}, {audit} (bundles {first} to {last}); the first is {file}.</source>
        <translation>Se guardaron {count} archivos, una serie de {count} partes (envíelos todos): {forms}, {audit} (paquetes {first} a {last}); el primero es {file}.</translation>
    </message>
    <message>
        <source>Saved {file}: {forms}, {audit} (bundle number {n}).</source>
        <translation>Guardado {file}: {forms}, {audit} (paquete número {n}).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln form(s)</source>
        <translation>
            <numerusform>%Ln formulario</numerusform>
            <numerusform>%Ln formularios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln audit row(s)</source>
        <translation>
            <numerusform>%Ln fila de auditoría</numerusform>
            <numerusform>%Ln filas de auditoría</numerusform>
        </translation>
    </message>
    <message>
        <source>Ledger of bundles sent and received</source>
        <translation>Registro de paquetes enviados y recibidos</translation>
    </message>
    <message>
        <source>No recipient yet: add the public key headquarters sent you.</source>
        <translation>Aún no hay destinatarios: agregue la clave pública que le envió la sede central.</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>Folder for the bundle</source>
        <translation>Carpeta para el paquete</translation>
    </message>
    <message>
        <source>No recipient is set; click Recipients... and add the key headquarters sent you.</source>
        <translation>No hay ningún destinatario; haga clic en Destinatarios... y agregue la clave que le envió la sede central.</translation>
    </message>
    <message>
        <source>Choose an existing folder for the bundle.</source>
        <translation>Elija una carpeta existente para el paquete.</translation>
    </message>
    <message>
        <source>This project is not saved in a file, so it cannot be exported.</source>
        <translation>Este proyecto no está guardado en un archivo, por lo que no se puede exportar.</translation>
    </message>
    <message>
        <source>Exporting...</source>
        <translation>Exportando...</translation>
    </message>
    <message>
        <source>Export cancelled; no bundle was written.</source>
        <translation>Exportación cancelada; no se escribió ningún paquete.</translation>
    </message>
    <message>
        <source>The export failed; nothing was recorded. Details are in the log file.</source>
        <translation>La exportación falló; no se registró nada. Los detalles están en el archivo de registro.</translation>
    </message>
</context>
<context>
    <name>FormHistoryDialog</name>
    <message>
        <source>History of form {n}</source>
        <translation>Historial del formulario {n}</translation>
    </message>
    <message>
        <source>History of the form</source>
        <translation>Historial del formulario</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Hora (UTC)</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Valor anterior</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Valor nuevo</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message numerus="yes">
        <source>%n discrepancy(ies)</source>
        <translation>
            <numerusform>%n discrepancia</numerusform>
            <numerusform>%n discrepancias</numerusform>
        </translation>
    </message>
    <message>
        <source>keyed</source>
        <translation>digitado</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>cambiado</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>eliminado</translation>
    </message>
    <message>
        <source>status changed</source>
        <translation>cambio de estado</translation>
    </message>
    <message>
        <source>form number changed</source>
        <translation>cambio de número de formulario</translation>
    </message>
    <message>
        <source>out-of-range value kept</source>
        <translation>valor fuera de rango conservado</translation>
    </message>
    <message>
        <source>keyed again to verify</source>
        <translation>digitado de nuevo para verificar</translation>
    </message>
    <message>
        <source>discrepancy resolved</source>
        <translation>discrepancia resuelta</translation>
    </message>
    <message>
        <source>corrected by verification</source>
        <translation>corregido por la verificación</translation>
    </message>
    <message>
        <source>first keying kept</source>
        <translation>se mantuvo la primera digitación</translation>
    </message>
    <message>
        <source>second keying kept</source>
        <translation>se mantuvo la segunda digitación</translation>
    </message>
    <message>
        <source>value typed from the paper</source>
        <translation>valor escrito desde el papel</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) compared</source>
        <translation>
            <numerusform>%n campo comparado</numerusform>
            <numerusform>%n campos comparados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s): </source>
        <translation>
            <numerusform>%n respuesta: </numerusform>
            <numerusform>%n respuestas: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormWidget</name>
    <message>
        <source>Value kept after confirmation.</source>
        <translation>Valor conservado tras la confirmación.</translation>
    </message>
    <message>
        <source>Press {keys} again to keep this value, or correct it.</source>
        <translation>Presione {keys} de nuevo para conservar este valor, o corríjalo.</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Keying guide</source>
        <translation>Guía de digitación</translation>
    </message>
</context>
<context>
    <name>HeatMapChart</name>
    <message>
        <source>Impact →</source>
        <translation>Impacto →</translation>
    </message>
    <message>
        <source>Likelihood →</source>
        <translation>Probabilidad →</translation>
    </message>
    <message>
        <source>Risk heat map</source>
        <translation>Mapa de calor</translation>
    </message>
    <message>
        <source>Likelihood {l} x impact {i} = {s}: {band}</source>
        <translation>Probabilidad {l} x impacto {i} = {s}: {band}</translation>
    </message>
    <message>
        <source>{number}. {label}
Mean likelihood {lik:.2f} ({lik_lo:.2f}-{lik_hi:.2f})
Mean impact {imp:.2f} ({imp_lo:.2f}-{imp_hi:.2f})
Mean score {score} ({s_lo:.1f}-{s_hi:.1f}), {level}
Likelihood 4-5: {likely:.0%}
n = {n}</source>
        <translation>{number}. {label}
Probabilidad media {lik:.2f} ({lik_lo:.2f}-{lik_hi:.2f})
Impacto medio {imp:.2f} ({imp_lo:.2f}-{imp_hi:.2f})
Puntaje medio {score} ({s_lo:.1f}-{s_hi:.1f}), {level}
Probabilidad 4-5: {likely:.0%}
n = {n}</translation>
    </message>
</context>
<context>
    <name>HeldCopies</name>
    <message>
        <source>If the team says the post keeps the copy that made this bundle, choose Keep this copy...</source>
        <translation>Si el equipo dice que el puesto conserva la copia que hizo este paquete, elija Conservar esta copia...</translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) held because two copies of one laptop&apos;s project are in use; ask the team which copy the post keeps, then choose Keep this copy...</source>
        <translation>
            <numerusform>%n paquete retenido porque hay dos copias del proyecto de un portátil en uso; pregunte al equipo qué copia conserva el puesto y elija Conservar esta copia...</numerusform>
            <numerusform>%n paquetes retenidos porque hay dos copias del proyecto de un portátil en uso; pregunte al equipo qué copia conserva el puesto y elija Conservar esta copia...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) held because they come from a copy of a laptop&apos;s project that HQ set aside when it decided which copy the post keeps; the team should stop using that copy (Keep this copy... decides again)</source>
        <translation>
            <numerusform>%n paquete retenido porque viene de una copia del proyecto de un portátil que la sede dejó de lado al decidir qué copia conserva el puesto; el equipo debe dejar de usar esa copia (Conservar esta copia... decide de nuevo)</numerusform>
            <numerusform>%n paquetes retenidos porque vienen de una copia del proyecto de un portátil que la sede dejó de lado al decidir qué copia conserva el puesto; el equipo debe dejar de usar esa copia (Conservar esta copia... decide de nuevo)</numerusform>
        </translation>
    </message>
    <message>
        <source>Add the held bundle {name} to the list again, then choose Keep this copy...</source>
        <translation>Agregue de nuevo a la lista el paquete retenido {name} y elija Conservar esta copia...</translation>
    </message>
    <message>
        <source>Working out what keeping this copy would do...</source>
        <translation>Calculando qué haría conservar esta copia...</translation>
    </message>
    <message>
        <source>Headquarters now follows device {device}&apos;s line of bundles up to bundle {current} (imported {imported} UTC).</source>
        <translation>La sede sigue ahora la línea de paquetes del dispositivo {device} hasta el paquete {current} (importado el {imported} UTC).</translation>
    </message>
    <message>
        <source>If the post keeps the copy that made bundle {sequence} ({name}, made {created} UTC), headquarters follows that copy from bundle {sequence} on, and holds the other copy&apos;s later bundles with a sentence saying so.

This bundle would add {new}, update {updated}, leave {unchanged} unchanged and keep {conflicting} as conflicts for the analyst. No form or audit row headquarters holds is removed, and the other copy&apos;s forms stay.

Keep this copy only if the team confirmed by phone (someone you trust) that the post keeps it; the decision is kept in the audit log.</source>
        <translation>Si el puesto conserva la copia que hizo el paquete {sequence} ({name}, hecho el {created} UTC), la sede sigue esa copia desde el paquete {sequence}, y retiene los paquetes posteriores de la otra copia con una frase que lo dice.

Este paquete agregaría {new}, actualizaría {updated}, dejaría {unchanged} sin cambios y guardaría {conflicting} como conflictos para el analista. No se quita ningún formulario ni fila de auditoría que tenga la sede, y los formularios de la otra copia se quedan.

Conserve esta copia solo si el equipo confirmó por teléfono (alguien de confianza) que el puesto la conserva; la decisión queda en el registro de auditoría.</translation>
    </message>
    <message numerus="yes">
        <source>%n form(s)</source>
        <translation>
            <numerusform>%n formulario</numerusform>
            <numerusform>%n formularios</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep this copy</source>
        <translation>Conservar esta copia</translation>
    </message>
</context>
<context>
    <name>HeldRounds</name>
    <message>
        <source>which was made on device {device}</source>
        <translation>que se creó en el dispositivo {device}</translation>
    </message>
    <message>
        <source>which device {device} brought to headquarters first</source>
        <translation>que trajo primero a la sede el dispositivo {device}</translation>
    </message>
    <message>
        <source>which no bundle of that device brought to headquarters (it was made here, or its origin is not known)</source>
        <translation>que ningún paquete de ese dispositivo trajo a la sede (se creó aquí, o no se sabe de dónde vino)</translation>
    </message>
    <message>
        <source>Device {device} sent audit rows about forms of round {round}, {which}</source>
        <translation>El dispositivo {device} envió filas de auditoría sobre formularios de la ronda {round}, {which}</translation>
    </message>
    <message>
        <source>Device {device} sent forms into round {round}, {which}</source>
        <translation>El dispositivo {device} envió formularios a la ronda {round}, {which}</translation>
    </message>
    <message>
        <source>{sent}, so this bundle was held and nothing was imported: if both laptops key this round, choose Allow in round...; otherwise ask the team who made this bundle</source>
        <translation>{sent}, así que este paquete quedó retenido y no se importó nada: si ambos portátiles digitan esta ronda, elija Permitir en la ronda...; si no, pregunte al equipo quién hizo este paquete</translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) held: their device sent forms or audit rows into a round another device brought or made; if both laptops key that round, choose Allow in round...</source>
        <translation>
            <numerusform>%n paquete retenido: el dispositivo que lo hizo envió formularios o filas de auditoría a una ronda que trajo o creó otro dispositivo; si ambos portátiles digitan esa ronda, elija Permitir en la ronda...</numerusform>
            <numerusform>%n paquetes retenidos: los dispositivos que los hicieron enviaron formularios o filas de auditoría a una ronda que trajo o creó otro dispositivo; si ambos portátiles digitan esa ronda, elija Permitir en la ronda...</numerusform>
        </translation>
    </message>
    <message>
        <source>Allow in round</source>
        <translation>Permitir en la ronda</translation>
    </message>
    <message>
        <source>{sent}.

Allow it only if both laptops belong to the team that keys this round (ask the team lead by phone): its forms and audit rows will then be added to the round, and the decision is kept in the audit log. Otherwise choose No and ask the team who made this bundle.</source>
        <translation>{sent}.

Permítalo solo si ambos portátiles pertenecen al equipo de trabajo que digita esta ronda (pregúntelo por teléfono al jefe del equipo): sus formularios y filas de auditoría se agregarán entonces a la ronda, y la decisión queda en el registro de auditoría. Si no, elija No y pregunte al equipo quién hizo este paquete.</translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <source>Headquarters key file (hq-identity.txt)</source>
        <translation>Archivo de clave de la sede central (hq-identity.txt)</translation>
    </message>
    <message>
        <source>Choose key...</source>
        <translation>Elegir clave...</translation>
    </message>
    <message>
        <source>Add bundles...</source>
        <translation>Agregar paquetes...</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Vaciar lista</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Enrol device...</source>
        <translation>Registrar equipo...</translation>
    </message>
    <message>
        <source>Allow in round...</source>
        <translation>Permitir en la ronda...</translation>
    </message>
    <message>
        <source>Keep this copy...</source>
        <translation>Conservar esta copia...</translation>
    </message>
    <message>
        <source>Import bundles from the field</source>
        <translation>Importar paquetes del terreno</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevos</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Actualizados</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Sin cambios</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Device {device} signed this bundle with the key whose fingerprint is:

{fp}

Compare it group by group with the fingerprint the laptop shows (Help &gt; About, or `riskmap keys device --db PROJECT`), read to you by someone you trust. Enrol the device only if every group matches: its bundles will then be imported.</source>
        <translation>El equipo {device} firmó este paquete con la clave cuya huella es:

{fp}

Compárela grupo por grupo con la huella que muestra el portátil (Ayuda &gt; Acerca de, o `riskmap keys device --db PROYECTO`), leída por alguien de confianza. Registre el equipo solo si todos los grupos coinciden: entonces se importarán sus paquetes.</translation>
    </message>
    <message>
        <source>Bundles imported: {ok} of {n}. Forms: {new}, {updated}, {conflicts}.</source>
        <translation>Paquetes importados: {ok} de {n}. Formularios: {new}, {updated}, {conflicts}.</translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n nuevo</numerusform>
            <numerusform>%n nuevos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n actualizado</numerusform>
            <numerusform>%n actualizados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflicting</source>
        <translation>
            <numerusform>%n en conflicto</numerusform>
            <numerusform>%n en conflicto</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) are not enrolled: compare the fingerprint in the report with the laptop&apos;s, then choose Enrol device...</source>
        <translation>
            <numerusform>%n equipo no está registrado: compare la huella del informe con la del portátil y elija Registrar equipo...</numerusform>
            <numerusform>%n equipos no están registrados: compare la huella del informe con la del portátil y elija Registrar equipo...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) wait for a decision in the Conflicts tab.</source>
        <translation>
            <numerusform>%n conflicto espera una decisión en la pestaña Conflictos.</numerusform>
            <numerusform>%n conflictos esperan una decisión en la pestaña Conflictos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Bundle {n} numbered twice: this one comes from another copy of the project (such as a backup restored after a loss) whose audit log branches from HQ&apos;s; the forms and audit rows of both copies are kept, and a form keyed in both shows as a conflict</source>
        <translation>Paquete {n} numerado dos veces: este viene de otra copia del proyecto (por ejemplo, una copia de seguridad restaurada tras una pérdida) cuyo registro de auditoría se bifurca del de la sede; se conservan los formularios y las filas de auditoría de ambas copias, y un formulario registrado en las dos aparece como conflicto</translation>
    </message>
    <message>
        <source>Round {name} was made again in this copy (kept as {kept_as}): a paper form keyed in both rounds counts twice until the analyst deletes one of them</source>
        <translation>La ronda {name} se volvió a crear en esta copia (se guardó como {kept_as}): un formulario en papel registrado en ambas rondas cuenta dos veces hasta que el analista elimine uno de ellos</translation>
    </message>
    <message numerus="yes">
        <source>Missing %n earlier bundle(s) from this device: {gaps}</source>
        <translation>
            <numerusform>Falta %n paquete anterior de este equipo: {gaps}</numerusform>
            <numerusform>Faltan %n paquetes anteriores de este equipo: {gaps}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new round(s): {names}</source>
        <translation>
            <numerusform>%n ronda nueva: {names}</numerusform>
            <numerusform>%n rondas nuevas: {names}</numerusform>
        </translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>Informe de importación</translation>
    </message>
    <message>
        <source>Headquarters key file</source>
        <translation>Archivo de clave de la sede central</translation>
    </message>
    <message>
        <source>Key files (*.txt *.key);;All files (*)</source>
        <translation>Archivos de clave (*.txt *.key);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation>Paquetes</translation>
    </message>
    <message>
        <source>Bundles (*.zip.age *.age);;All files (*)</source>
        <translation>Paquetes (*.zip.age *.age);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Choose the headquarters key file first.</source>
        <translation>Primero elija el archivo de clave de la sede central.</translation>
    </message>
    <message>
        <source>Add one or more bundle files to import.</source>
        <translation>Agregue uno o más archivos de paquete para importar.</translation>
    </message>
    <message>
        <source>Open a project saved in a file before importing.</source>
        <translation>Abra un proyecto guardado en un archivo antes de importar.</translation>
    </message>
    <message>
        <source>Importing...</source>
        <translation>Importando...</translation>
    </message>
    <message>
        <source>Enrol device</source>
        <translation>Registrar equipo</translation>
    </message>
    <message>
        <source>The import failed and the database was not changed. Details are in the log file.</source>
        <translation>La importación falló y la base de datos no cambió. Los detalles están en el archivo de registro.</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation>Ya importado</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Retenido</translation>
    </message>
    <message>
        <source>Device {device} with fingerprint {fp} is not enrolled, so nothing was imported: compare the fingerprint with the laptop&apos;s, then choose Enrol device...</source>
        <translation>El equipo {device} con huella {fp} no está registrado, así que no se importó nada: compare la huella con la del portátil y elija Registrar equipo...</translation>
    </message>
    <message>
        <source>First bundle of enrolled device {fp}</source>
        <translation>Primer paquete del equipo registrado {fp}</translation>
    </message>
    <message>
        <source>Its questionnaire differs from the project&apos;s (the project&apos;s labels and bands are kept): {what}</source>
        <translation>Su cuestionario difiere del del proyecto (se mantienen las etiquetas y los niveles del proyecto): {what}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Entry</source>
        <translation>Digitación</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verificación</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Avance</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <source>Export / Import</source>
        <translation>Exportar / Importar</translation>
    </message>
    <message>
        <source>This view could not be opened ({error}). The other views still work; the details are in the log file.</source>
        <translation>No se pudo abrir esta vista ({error}). Las demás vistas siguen funcionando; los detalles están en el archivo de registro.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <source>This part is not available in this version.</source>
        <translation>Esta parte no está disponible en esta versión.</translation>
    </message>
    <message>
        <source>{name} signed in.</source>
        <translation>{name} inició sesión.</translation>
    </message>
</context>
<context>
    <name>OperatorDialog</name>
    <message>
        <source>Create the first supervisor</source>
        <translation>Crear el primer supervisor</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Ingresar</translation>
    </message>
    <message>
        <source>This project has no operators yet. You become its supervisor: you add the other operators and change the project settings. Choose a PIN of at least 4 characters and type it twice.</source>
        <translation>Este proyecto todavía no tiene operadores. Usted será su supervisor: agrega a los demás operadores y cambia la configuración del proyecto. Elija un PIN de al menos 4 caracteres y escríbalo dos veces.</translation>
    </message>
    <message>
        <source>Who is working? Your name is recorded with every form you key and every change you make.</source>
        <translation>¿Quién trabaja? Su nombre queda registrado con cada formulario que digita y cada cambio que hace.</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <source>PIN &amp;again</source>
        <translation>PIN &amp;otra vez</translation>
    </message>
    <message>
        <source>Create and sign in</source>
        <translation>Crear e iniciar sesión</translation>
    </message>
    <message>
        <source>Type your name.</source>
        <translation>Escriba su nombre.</translation>
    </message>
</context>
<context>
    <name>OperatorForm</name>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Rol</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <source>PIN &amp;again</source>
        <translation>PIN &amp;otra vez</translation>
    </message>
</context>
<context>
    <name>OperatorNameForm</name>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
</context>
<context>
    <name>OperatorsDialog</name>
    <message>
        <source>Operators</source>
        <translation>Operadores</translation>
    </message>
    <message>
        <source>Operators sign in with their name and PIN. A keyer keys forms, a verifier also re-keys the sample, a supervisor also changes the project settings and the operators. Operators are deactivated, never deleted: their forms keep their name.</source>
        <translation>Los operadores inician sesión con su nombre y su PIN. Un digitador digita formularios, un verificador además vuelve a digitar la muestra, un supervisor además cambia la configuración del proyecto y los operadores. Los operadores se desactivan, nunca se borran: sus formularios conservan su nombre.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Agregar…</translation>
    </message>
    <message>
        <source>Set &amp;role</source>
        <translation>Cambiar &amp;rol</translation>
    </message>
    <message>
        <source>Reset &amp;PIN…</source>
        <translation>Nuevo &amp;PIN…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>Re&amp;nombrar…</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Desactivar</translation>
    </message>
    <message>
        <source>Reac&amp;tivate…</source>
        <translation>Reac&amp;tivar…</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>Add an operator</source>
        <translation>Agregar un operador</translation>
    </message>
    <message>
        <source>{old} is now called {name}.</source>
        <translation>{old} ahora se llama {name}.</translation>
    </message>
    <message>
        <source>Rename {name}</source>
        <translation>Renombrar a {name}</translation>
    </message>
    <message>
        <source>{name} signs in with the new name from now on. Forms already keyed keep the name they were keyed under; the audit log records the change.</source>
        <translation>{name} inicia sesión con el nuevo nombre desde ahora. Los formularios ya digitados conservan el nombre con el que se digitaron; el registro de auditoría guarda el cambio.</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Renombrar</translation>
    </message>
    <message>
        <source>{name} can sign in again.</source>
        <translation>{name} puede volver a iniciar sesión.</translation>
    </message>
    <message>
        <source>Reactivate {name}</source>
        <translation>Reactivar a {name}</translation>
    </message>
    <message>
        <source>{name} will be able to sign in again, with the PIN they had (reset it afterwards if it may be known to others). If an active operator has this name now, choose another.</source>
        <translation>{name} podrá volver a iniciar sesión con el PIN que tenía (cámbielo después si otros pueden conocerlo). Si ahora un operador activo tiene este nombre, elija otro.</translation>
    </message>
    <message>
        <source>Reac&amp;tivate</source>
        <translation>Reac&amp;tivar</translation>
    </message>
    <message>
        <source>{name} was added.</source>
        <translation>Se agregó a {name}.</translation>
    </message>
    <message>
        <source>{name} has a new role.</source>
        <translation>{name} tiene un rol nuevo.</translation>
    </message>
    <message>
        <source>New PIN for {name}</source>
        <translation>Nuevo PIN para {name}</translation>
    </message>
    <message>
        <source>{name} has a new PIN.</source>
        <translation>{name} tiene un PIN nuevo.</translation>
    </message>
    <message>
        <source>Deactivate operator</source>
        <translation>Desactivar operador</translation>
    </message>
    <message>
        <source>{name} will no longer be able to sign in; the forms they keyed keep their name. Deactivate?</source>
        <translation>{name} ya no podrá iniciar sesión; los formularios que digitó conservan su nombre. ¿Desactivar?</translation>
    </message>
    <message>
        <source>{name} can no longer sign in.</source>
        <translation>{name} ya no puede iniciar sesión.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Open project</source>
        <translation>Abrir proyecto</translation>
    </message>
    <message>
        <source>New project passphrase</source>
        <translation>Frase de acceso del proyecto nuevo</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Cambiar la frase de acceso</translation>
    </message>
    <message>
        <source>{name} is encrypted. Type the team passphrase to open it.</source>
        <translation>{name} está cifrado. Escriba la frase de acceso del equipo para abrirlo.</translation>
    </message>
    <message>
        <source>{name} will be encrypted. Choose the team passphrase: everyone who keys on this laptop needs it, and without it (or the headquarters escrow key) nobody can read the forms.</source>
        <translation>{name} se cifrará. Elija la frase de acceso del equipo: todos los que digitan en este portátil la necesitan, y sin ella (o la clave de custodia de la sede) nadie puede leer los formularios.</translation>
    </message>
    <message>
        <source>Choose the new team passphrase for {name}. The old one stops working at once; tell the team.</source>
        <translation>Elija la nueva frase de acceso del equipo para {name}. La anterior deja de funcionar enseguida; avise al equipo.</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>Frase de acceso:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>Repetir:</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>débil</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>aceptable</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>fuerte</translation>
    </message>
    <message>
        <source>Strength: {word}. Several unrelated words, 16 characters or more, are easy to type and hard to guess.</source>
        <translation>Solidez: {word}. Varias palabras sin relación, 16 caracteres o más, son fáciles de escribir y difíciles de adivinar.</translation>
    </message>
    <message>
        <source>Checking the passphrase…</source>
        <translation>Comprobando la frase de acceso…</translation>
    </message>
    <message>
        <source>This passphrase is too easy to guess: use at least {n} characters, not all the same.</source>
        <translation>Esta frase de acceso es demasiado fácil de adivinar: use al menos {n} caracteres, no todos iguales.</translation>
    </message>
    <message>
        <source>The two passphrases differ; type the same one twice.</source>
        <translation>Las dos frases de acceso no coinciden; escriba la misma dos veces.</translation>
    </message>
</context>
<context>
    <name>PrintFormDialog</name>
    <message>
        <source>Print blank forms</source>
        <translation>Imprimir formularios en blanco</translation>
    </message>
    <message>
        <source>The project&apos;s questionnaire</source>
        <translation>El cuestionario del proyecto</translation>
    </message>
    <message>
        <source>Pre-print form numbers (one form per number)</source>
        <translation>Preimprimir los números de formulario (un formulario por número)</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Ronda</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Form numbers</source>
        <translation>Números de formulario</translation>
    </message>
    <message>
        <source>Print to PDF…</source>
        <translation>Imprimir a PDF…</translation>
    </message>
    <message>
        <source>Check the form numbers: the first must not be above the last, both inside the round&apos;s range, and at most 10,000 forms at once.</source>
        <translation>Revise los números de formulario: el primero no puede ser mayor que el último, ambos dentro del rango de la ronda, y como máximo 10.000 formularios a la vez.</translation>
    </message>
    <message>
        <source>Save blank forms</source>
        <translation>Guardar formularios en blanco</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>forms.pdf</source>
        <translation>formularios.pdf</translation>
    </message>
    <message>
        <source>The file could not be written; the details are in the log file.</source>
        <translation>No se pudo escribir el archivo; los detalles están en el archivo de registro.</translation>
    </message>
</context>
<context>
    <name>ProgressView</name>
    <message>
        <source>Paper ledger</source>
        <translation>Control de formularios en papel</translation>
    </message>
    <message>
        <source>Operators per day</source>
        <translation>Operadores por día</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Ronda</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Esperados</translation>
    </message>
    <message>
        <source>Form
numbers</source>
        <translation>Números de
formulario</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>Digitados</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verificados</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Borradores</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Faltantes</translation>
    </message>
    <message>
        <source>Sample
verified</source>
        <translation>Muestra
verificada</translation>
    </message>
    <message>
        <source>Keystrokes
per hour</source>
        <translation>Pulsaciones
por hora</translation>
    </message>
    <message>
        <source>Forms
verified</source>
        <translation>Formularios
verificados</translation>
    </message>
    <message>
        <source>Fields
verified</source>
        <translation>Campos
verificados</translation>
    </message>
    <message>
        <source>Discrepancies
per 1,000 fields</source>
        <translation>Discrepancias
por cada mil campos</translation>
    </message>
    <message>
        <source>Sample verified</source>
        <translation>Muestra verificada</translation>
    </message>
    <message>
        <source>Reading the forms…</source>
        <translation>Leyendo los formularios…</translation>
    </message>
    <message numerus="yes">
        <source>{done} of %Ln form(s) ({share}%)</source>
        <translation>
            <numerusform>{done} de %Ln formulario ({share}%)</numerusform>
            <numerusform>{done} de %Ln formularios ({share}%)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %Ln sampled form(s) verified</source>
        <translation>
            <numerusform>Verificados: {done} de %Ln formulario de la muestra</numerusform>
            <numerusform>Verificados: {done} de %Ln formularios de la muestra</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s) in {fields} fields</source>
        <translation>
            <numerusform>%n error en {fields} campos</numerusform>
            <numerusform>%n errores en {fields} campos</numerusform>
        </translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>Formularios</translation>
    </message>
    <message>
        <source>Discrepancies per 1,000 fields is the first keyer&apos;s error rate found by verification: the differences where the paper agreed with the second keying or with a corrected value, per 1,000 fields compared. Days are those of the first keying (UTC).</source>
        <translation>Discrepancias por cada mil campos es la tasa de error de quien digitó primero, hallada por la verificación: las diferencias en que el papel coincidió con la segunda digitación o con un valor corregido, por cada mil campos comparados. Los días son los de la primera digitación (UTC).</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>sin definir</translation>
    </message>
    <message>
        <source>No collection round yet.</source>
        <translation>Todavía no hay ninguna ronda de recolección.</translation>
    </message>
    <message>
        <source>Missing form numbers in {round} ({count}):</source>
        <translation>Números de formulario faltantes en {round} ({count}):</translation>
    </message>
    <message numerus="yes">
        <source>{round}: %Ln form(s) of the target still to key; form numbers not keyed ({numbers}, some unused):</source>
        <translation>
            <numerusform>{round}: falta digitar %Ln formulario de la meta; números de formulario sin digitar ({numbers}, algunos sin usar):</numerusform>
            <numerusform>{round}: faltan digitar %Ln formularios de la meta; números de formulario sin digitar ({numbers}, algunos sin usar):</numerusform>
        </translation>
    </message>
    <message>
        <source>None: every paper form is keyed.</source>
        <translation>Ninguno: todos los formularios en papel están digitados.</translation>
    </message>
    <message>
        <source>Keyed numbers outside the expected range: {numbers}</source>
        <translation>Números digitados fuera del rango esperado: {numbers}</translation>
    </message>
    <message>
        <source>The forms could not be read: {error}</source>
        <translation>No se pudieron leer los formularios: {error}</translation>
    </message>
</context>
<context>
    <name>ProjectOpener</name>
    <message>
        <source>This passphrase does not open the project; check it and try again.</source>
        <translation>Esta frase de acceso no abre el proyecto; revísela e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Encrypt this project?</source>
        <translation>¿Cifrar este proyecto?</translation>
    </message>
    <message>
        <source>{name} is not encrypted: anyone who copies the file can read every form. Encrypt it now with a team passphrase? The encrypted copy is checked before the plaintext file is removed.</source>
        <translation>{name} no está cifrado: cualquiera que copie el archivo puede leer todos los formularios. ¿Cifrarlo ahora con una frase de acceso del equipo? La copia cifrada se comprueba antes de borrar el archivo sin cifrar.</translation>
    </message>
    <message>
        <source>Project encrypted</source>
        <translation>Proyecto cifrado</translation>
    </message>
    <message>
        <source>{name} is now encrypted. Copies of the old file made before today (on USB sticks, in backups or e-mails) are still readable by anyone: delete them.</source>
        <translation>{name} ya está cifrado. Las copias del archivo anterior hechas antes de hoy (en memorias USB, copias de seguridad o correos) siguen siendo legibles por cualquiera: bórrelas.</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Ver en:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Ficheros de &amp;tipo:</translation>
    </message>
</context>
<context>
    <name>QuestionField</name>
    <message>
        <source>Several answers: separate the codes with a space, e.g. {example}</source>
        <translation>Varias respuestas: separe los códigos con un espacio, p. ej. {example}</translation>
    </message>
</context>
<context>
    <name>QuestionnaireImport</name>
    <message>
        <source>Import questionnaire</source>
        <translation>Importar cuestionario</translation>
    </message>
    <message>
        <source>Questionnaires (*.xlsx *.json);;All files (*)</source>
        <translation>Cuestionarios (*.xlsx *.json);;Todos los archivos (*)</translation>
    </message>
    <message numerus="yes">
        <source>Questionnaire {id} version {version} (%n question(s)) is stored in this project. Forms are still keyed with {used} version {used_version}.</source>
        <translation>
            <numerusform>El cuestionario {id} versión {version} (%n pregunta) quedó guardado en este proyecto. Los formularios se siguen digitando con {used} versión {used_version}.</numerusform>
            <numerusform>El cuestionario {id} versión {version} (%n preguntas) quedó guardado en este proyecto. Los formularios se siguen digitando con {used} versión {used_version}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Questionnaire {id} version {version} was stored already; nothing changed.</source>
        <translation>El cuestionario {id} versión {version} ya estaba guardado; no cambió nada.</translation>
    </message>
    <message>
        <source>Questionnaire imported</source>
        <translation>Cuestionario importado</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… y {n} más</translation>
    </message>
    <message>
        <source>Questionnaire not imported</source>
        <translation>Cuestionario no importado</translation>
    </message>
    <message numerus="yes">
        <source>{file} was not imported: %n thing(s) in it cannot be used here. Nothing was stored. Fix them in the file and import it again.</source>
        <translation>
            <numerusform>{file} no se importó: %n elemento no se puede usar aquí. No se guardó nada. Corríjalo en el archivo e impórtelo de nuevo.</numerusform>
            <numerusform>{file} no se importó: %n elementos no se pueden usar aquí. No se guardó nada. Corríjalos en el archivo e impórtelo de nuevo.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>For example: corrected against the paper form</source>
        <translation>Por ejemplo: corregido según el formulario en papel</translation>
    </message>
</context>
<context>
    <name>RecipientsDialog</name>
    <message>
        <source>Bundle recipients</source>
        <translation>Destinatarios de los paquetes</translation>
    </message>
    <message>
        <source>Bundles are encrypted to these public keys (one per line, starting with age1). Paste the key headquarters sent you, or load its file. Add a regional office or escrow key on its own line.</source>
        <translation>Los paquetes se cifran para estas claves públicas (una por línea, empiezan con age1). Pegue la clave que le envió la sede central o cargue su archivo. Agregue la clave de una oficina regional o de custodia en su propia línea.</translation>
    </message>
    <message>
        <source>Load from file...</source>
        <translation>Cargar desde archivo...</translation>
    </message>
    <message>
        <source>This device:</source>
        <translation>Este dispositivo:</translation>
    </message>
    <message>
        <source>Device key fingerprint:</source>
        <translation>Huella de la clave del dispositivo:</translation>
    </message>
    <message>
        <source>Load recipients</source>
        <translation>Cargar destinatarios</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Archivos de texto (*.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>The file could not be read; choose the recipient file headquarters sent.</source>
        <translation>No se pudo leer el archivo; elija el archivo de destinatarios que envió la sede central.</translation>
    </message>
    <message>
        <source>A line is not a valid age public key (it should start with age1). Paste the key exactly as headquarters sent it; never paste a secret key here.</source>
        <translation>Una línea no es una clave pública age válida (debe empezar con age1). Pegue la clave tal como la envió la sede central; nunca pegue aquí una clave secreta.</translation>
    </message>
    <message>
        <source>Add at least one recipient.</source>
        <translation>Agregue al menos un destinatario.</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Form no.</source>
        <translation>N.º de formulario</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Ronda</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Keyed (UTC)</source>
        <translation>Digitado (UTC)</translation>
    </message>
    <message>
        <source>Last change (UTC)</source>
        <translation>Último cambio (UTC)</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>borrador</translation>
    </message>
    <message>
        <source>entered</source>
        <translation>digitado</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verificado</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>eliminado</translation>
    </message>
</context>
<context>
    <name>RecordsView</name>
    <message>
        <source>Form number</source>
        <translation>Número de formulario</translation>
    </message>
    <message>
        <source>All but deleted</source>
        <translation>Todos menos eliminados</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Quitar filtros</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Ronda</translation>
    </message>
    <message>
        <source>Open / edit</source>
        <translation>Abrir / editar</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>Historial…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Eliminar…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln form(s)</source>
        <translation>
            <numerusform>%Ln formulario</numerusform>
            <numerusform>%Ln formularios</numerusform>
        </translation>
    </message>
    <message>
        <source>All rounds</source>
        <translation>Todas las rondas</translation>
    </message>
    <message>
        <source>Find a form by its number ({keys})</source>
        <translation>Buscar un formulario por su número ({keys})</translation>
    </message>
    <message>
        <source>Open the form in the entry view ({keys})</source>
        <translation>Abrir el formulario en la vista de digitación ({keys})</translation>
    </message>
    <message>
        <source>Delete the form, giving a reason ({keys})</source>
        <translation>Eliminar el formulario, indicando el motivo ({keys})</translation>
    </message>
    <message>
        <source>Deleted form</source>
        <translation>Formulario eliminado</translation>
    </message>
    <message>
        <source>This form was deleted; it can no longer be edited. Its history is still available.</source>
        <translation>Este formulario fue eliminado; ya no se puede editar. Su historial sigue disponible.</translation>
    </message>
    <message>
        <source>Delete form {n}</source>
        <translation>Eliminar el formulario {n}</translation>
    </message>
    <message>
        <source>The form stays in the database, marked as deleted, with your reason. Why is form {n} being deleted?</source>
        <translation>El formulario queda en la base de datos, marcado como eliminado, con su motivo. ¿Por qué se elimina el formulario {n}?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>No se eliminó</translation>
    </message>
</context>
<context>
    <name>ResolvePage</name>
    <message>
        <source>Keep first</source>
        <translation>Mantener la primera</translation>
    </message>
    <message>
        <source>Keep second</source>
        <translation>Mantener la segunda</translation>
    </message>
    <message>
        <source>Correct value</source>
        <translation>Valor correcto</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Terminar</translation>
    </message>
    <message>
        <source>Check each row against the paper: {first} keeps the first keying, {second} the second, {typed} lets you type the value on the paper ({confirm} applies). Up and Down move between rows; {finish} writes the values and marks the form verified.</source>
        <translation>Compare cada fila con el papel: {first} mantiene la primera digitación, {second} la segunda, {typed} permite escribir el valor del papel ({confirm} lo aplica). Las flechas arriba y abajo cambian de fila; {finish} guarda los valores y marca el formulario como verificado.</translation>
    </message>
</context>
<context>
    <name>RiskRegisterTable</name>
    <message>
        <source>No.</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Riesgo</translation>
    </message>
    <message>
        <source>Likeli-
hood</source>
        <translation>Probabi-
lidad</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Impacto</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntaje</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>95% interval
of the score</source>
        <translation>Intervalo 95%
del puntaje</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>hidden (fewer than {n} answers)</source>
        <translation>oculto (menos de {n} respuestas)</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>keyer</source>
        <translation>digitador</translation>
    </message>
    <message>
        <source>verifier</source>
        <translation>verificador</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <source>Edit round</source>
        <translation>Editar ronda</translation>
    </message>
    <message>
        <source>New round</source>
        <translation>Nueva ronda</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Every form</source>
        <translation>Todos los formularios</translation>
    </message>
    <message>
        <source>Every Nth form</source>
        <translation>Uno de cada N formularios</translation>
    </message>
    <message>
        <source>A random share</source>
        <translation>Una proporción al azar</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Institución</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Fechas</translation>
    </message>
    <message>
        <source>Target (forms)</source>
        <translation>Meta (formularios)</translation>
    </message>
    <message>
        <source>Form numbers</source>
        <translation>Números de formulario</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verificación</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>Cuestionario</translation>
    </message>
    <message>
        <source>The round has forms: its questionnaire version is fixed.</source>
        <translation>La ronda tiene formularios: su versión del cuestionario ya no puede cambiar.</translation>
    </message>
    <message>
        <source>Only a supervisor changes the verification sample.</source>
        <translation>Solo un supervisor cambia la muestra de verificación.</translation>
    </message>
    <message>
        <source>This round&apos;s name, institution or place holds control characters (an invisible mark or an escape, perhaps from a bundle); they are shown as \u202e or \x1b. Saving keeps the stored text unless you change it.</source>
        <translation>El nombre, la institución o el lugar de esta ronda contienen caracteres de control (una marca invisible o un escape, quizá de un paquete); se muestran como \u202e o \x1b. Al guardar se conserva el texto almacenado, salvo que lo cambie.</translation>
    </message>
    <message>
        <source>N = </source>
        <translation>N = </translation>
    </message>
    <message>
        <source>Give the round a name.</source>
        <translation>Dé un nombre a la ronda.</translation>
    </message>
    <message>
        <source>The name</source>
        <translation>El nombre</translation>
    </message>
    <message>
        <source>The institution</source>
        <translation>La institución</translation>
    </message>
    <message>
        <source>The place</source>
        <translation>El lugar</translation>
    </message>
    <message>
        <source>{which} holds a control character (an escape or an invisible mark); type it with letters, digits and spaces only.</source>
        <translation>{which} contiene un carácter de control (un escape o una marca invisible); escriba el texto solo con letras, cifras y espacios.</translation>
    </message>
    <message>
        <source>The first form number is above the last one.</source>
        <translation>El primer número de formulario es mayor que el último.</translation>
    </message>
    <message>
        <source>A round with this name exists already; choose another name.</source>
        <translation>Ya existe una ronda con este nombre; elija otro nombre.</translation>
    </message>
    <message>
        <source>Form {number} is keyed in this round: the form numbers must include it.</source>
        <translation>El formulario {number} ya está digitado en esta ronda: los números de formulario deben incluirlo.</translation>
    </message>
    <message>
        <source>Forms {low} to {high} are keyed in this round: the form numbers must include them.</source>
        <translation>Los formularios {low} a {high} ya están digitados en esta ronda: los números de formulario deben incluirlos.</translation>
    </message>
    <message>
        <source>The form numbers {low}–{high} are {size} numbers for a target of {target} forms: progress counts against the target, and numbers never used stay listed as not keyed.</source>
        <translation>Los números de formulario {low}–{high} son {size} números para una meta de {target} formularios: el avance se cuenta contra la meta, y los números nunca usados siguen listados como no digitados.</translation>
    </message>
    <message>
        <source>The start date</source>
        <translation>La fecha de inicio</translation>
    </message>
    <message>
        <source>The end date</source>
        <translation>La fecha de fin</translation>
    </message>
    <message>
        <source>{which} “{text}” is not a date: type it as YYYY-MM-DD, for example 2026-10-05.</source>
        <translation>{which} «{text}» no es una fecha: escríbala como AAAA-MM-DD, por ejemplo 2026-10-05.</translation>
    </message>
    <message>
        <source>The end date {end} is before the start date {start}.</source>
        <translation>La fecha de fin {end} es anterior a la fecha de inicio {start}.</translation>
    </message>
</context>
<context>
    <name>ScoreBarChart</name>
    <message>
        <source>Mean score (L x I)</source>
        <translation>Puntaje medio (P x I)</translation>
    </message>
    <message>
        <source>Risks by mean score</source>
        <translation>Riesgos por puntaje</translation>
    </message>
    <message>
        <source>{number}. {label}: hidden to protect respondents</source>
        <translation>{number}. {label}: oculto para proteger a los encuestados</translation>
    </message>
    <message>
        <source>{number}. {label}
Mean score {score} (95% CI {lo:.1f}-{hi:.1f})
Level: {level}
n = {n}</source>
        <translation>{number}. {label}
Puntaje medio {score} (IC 95% {lo:.1f}-{hi:.1f})
Nivel: {level}
n = {n}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Esta computadora</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>This project (saved in the database)</source>
        <translation>Este proyecto (guardado en la base de datos)</translation>
    </message>
    <message>
        <source>Operator-controlled mode</source>
        <translation>Modo controlado por el operador</translation>
    </message>
    <message>
        <source>Out-of-range values may be kept after the operator confirms them; each confirmation is recorded.</source>
        <translation>Los valores fuera de rango se pueden conservar si el operador los confirma; cada confirmación queda registrada.</translation>
    </message>
    <message>
        <source>Results of smaller groups are hidden in the dashboard and exports, to protect respondents.</source>
        <translation>Los resultados de grupos más pequeños se ocultan en el panel y en las exportaciones, para proteger a los encuestados.</translation>
    </message>
    <message>
        <source>Smallest group shown</source>
        <translation>Grupo más pequeño que se muestra</translation>
    </message>
    <message>
        <source>Change passphrase…</source>
        <translation>Cambiar la frase de acceso…</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Cifrado</translation>
    </message>
    <message>
        <source>Operators…</source>
        <translation>Operadores…</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>Operadores</translation>
    </message>
    <message>
        <source>Only a supervisor can change the project settings; you are signed in as {role}.</source>
        <translation>Solo un supervisor puede cambiar la configuración del proyecto; usted inició sesión como {role}.</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nadie</translation>
    </message>
    <message>
        <source>The passphrase was changed. The old one no longer opens this project.</source>
        <translation>La frase de acceso se cambió. La anterior ya no abre este proyecto.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The demo project was open when the program last closed. Open the demo again? Choose No to open your own database.</source>
        <translation>El proyecto de demostración estaba abierto cuando se cerró el programa. ¿Abrir la demostración otra vez? Elija No para abrir su propia base de datos.</translation>
    </message>
</context>
<context>
    <name>VerificationBar</name>
    <message>
        <source>&amp;Round:</source>
        <translation>&amp;Ronda:</translation>
    </message>
    <message>
        <source>Form num&amp;ber:</source>
        <translation>Número de &amp;formulario:</translation>
    </message>
    <message>
        <source>e.g. 23</source>
        <translation>p. ej. 23</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Next form due</source>
        <translation>Siguiente pendiente</translation>
    </message>
    <message>
        <source>No collection round yet.</source>
        <translation>Todavía no hay ninguna ronda de recolección.</translation>
    </message>
    <message numerus="yes">
        <source>{verified} of %Ln sampled form(s) verified.</source>
        <translation>
            <numerusform>Verificados: {verified} de %Ln formulario de la muestra.</numerusform>
            <numerusform>Verificados: {verified} de %Ln formularios de la muestra.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln more verified outside the sample.</source>
        <translation>
            <numerusform>%Ln más verificado fuera de la muestra.</numerusform>
            <numerusform>%Ln más verificados fuera de la muestra.</numerusform>
        </translation>
    </message>
    <message>
        <source>Next due: form {n}.</source>
        <translation>Siguiente pendiente: formulario {n}.</translation>
    </message>
</context>
<context>
    <name>VerificationDecisions</name>
    <message>
        <source>Correct the answers marked in red, then press {save} again.</source>
        <translation>Corrija las respuestas marcadas en rojo y presione {save} de nuevo.</translation>
    </message>
    <message numerus="yes">
        <source>Form {n} matches the first keying in all %n question(s) and is now verified.</source>
        <translation>
            <numerusform>El formulario {n} coincide con la primera digitación en su %n pregunta y ya está verificado.</numerusform>
            <numerusform>El formulario {n} coincide con la primera digitación en las %n preguntas y ya está verificado.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discrepancies: {count} in %n question(s). Check each one against the paper.</source>
        <translation>
            <numerusform>Discrepancias: {count} en %n pregunta. Compare cada una con el papel.</numerusform>
            <numerusform>Discrepancias: {count} en %n preguntas. Compare cada una con el papel.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every discrepancy has a decision. Press {finish} to finish.</source>
        <translation>Todas las discrepancias tienen una decisión. Presione {finish} para terminar.</translation>
    </message>
    <message>
        <source>Form {n} is verified (answers corrected: {changed}).</source>
        <translation>El formulario {n} está verificado (respuestas corregidas: {changed}).</translation>
    </message>
</context>
<context>
    <name>VerificationStartPage</name>
    <message>
        <source>&amp;Sample to verify:</source>
        <translation>&amp;Muestra a verificar:</translation>
    </message>
    <message>
        <source>Every form</source>
        <translation>Todos los formularios</translation>
    </message>
    <message>
        <source>Every Nth form (by form number)</source>
        <translation>Uno de cada N formularios (por número)</translation>
    </message>
    <message>
        <source>A random share, in percent</source>
        <translation>Una proporción al azar, en porcentaje</translation>
    </message>
    <message>
        <source>No verification</source>
        <translation>Sin verificación</translation>
    </message>
    <message>
        <source>Verification catches typing errors: a second operator keys a sample of the paper forms again without seeing the first keying, and the two are compared question by question.

Press {next} to open the next form due, or type a form number and press {confirm}. Key the answers from the paper and press {save} to compare.</source>
        <translation>La verificación detecta errores de digitación: un segundo operador vuelve a digitar una muestra de los formularios en papel sin ver la primera digitación, y ambas se comparan pregunta por pregunta.

Presione {next} para abrir el siguiente formulario pendiente, o escriba un número de formulario y presione {confirm}. Digite las respuestas del papel y presione {save} para comparar.</translation>
    </message>
    <message>
        <source>Only a supervisor changes the verification sample.</source>
        <translation>Solo un supervisor cambia la muestra de verificación.</translation>
    </message>
    <message>
        <source>Forms due ({count}): {numbers}</source>
        <translation>Formularios pendientes ({count}): {numbers}</translation>
    </message>
    <message>
        <source>and {more} more</source>
        <translation>y {more} más</translation>
    </message>
</context>
<context>
    <name>VerificationView</name>
    <message>
        <source>No form is waiting for verification in this round.</source>
        <translation>Ningún formulario espera verificación en esta ronda.</translation>
    </message>
    <message>
        <source>Last question reached. Press {save} to compare with the first keying.</source>
        <translation>Llegó a la última pregunta. Presione {save} para comparar con la primera digitación.</translation>
    </message>
    <message>
        <source>Leave this form?</source>
        <translation>¿Dejar este formulario?</translation>
    </message>
    <message>
        <source>The second keying of form {n} is not compared yet. Leave it and lose what you typed?</source>
        <translation>La segunda digitación del formulario {n} aún no se ha comparado. ¿Dejarla y perder lo que escribió?</translation>
    </message>
    <message>
        <source>Form {n}: second keying, blind. Key the answers from the paper; {save} compares.</source>
        <translation>Formulario {n}: segunda digitación, a ciegas. Digite las respuestas del papel; {save} compara.</translation>
    </message>
    <message>
        <source>Form {n}: resolve each discrepancy against the paper.</source>
        <translation>Formulario {n}: resuelva cada discrepancia según el papel.</translation>
    </message>
    <message>
        <source>Verification by double entry</source>
        <translation>Verificación por doble digitación</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>Round</source>
        <translation>Ronda</translation>
    </message>
    <message>
        <source>New round…</source>
        <translation>Nueva ronda…</translation>
    </message>
    <message>
        <source>Edit round…</source>
        <translation>Editar ronda…</translation>
    </message>
    <message>
        <source>Sign out / switch operator</source>
        <translation>Cerrar sesión / cambiar de operador</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>&amp;Nueva base de datos…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>&amp;Abrir base de datos…</translation>
    </message>
    <message>
        <source>Recent databases</source>
        <translation>Bases de datos recientes</translation>
    </message>
    <message>
        <source>&amp;Backup copy…</source>
        <translation>&amp;Copia de respaldo…</translation>
    </message>
    <message>
        <source>&amp;Print blank forms…</source>
        <translation>&amp;Imprimir formularios en blanco…</translation>
    </message>
    <message>
        <source>&amp;Data for analysts…</source>
        <translation>&amp;Datos para analistas…</translation>
    </message>
    <message>
        <source>&amp;Import questionnaire…</source>
        <translation>&amp;Importar cuestionario…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>C&amp;onfiguración…</translation>
    </message>
    <message>
        <source>Sign o&amp;ut / switch operator…</source>
        <translation>Cerrar se&amp;sión / cambiar de operador…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Round</source>
        <translation>&amp;Ronda</translation>
    </message>
    <message>
        <source>Sign out / switch operator…</source>
        <translation>Cerrar sesión / cambiar de operador…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;Keying guide</source>
        <translation>&amp;Guía de digitación</translation>
    </message>
    <message>
        <source>Open &amp;demo project</source>
        <translation>Abrir proyecto de &amp;demostración</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Acerca de</translation>
    </message>
</context>
<context>
    <name>WindowStatus</name>
    <message>
        <source>Database: {name}</source>
        <translation>Base de datos: {name}</translation>
    </message>
    <message>
        <source>(in memory)</source>
        <translation>(en memoria)</translation>
    </message>
    <message>
        <source>Round: {name}</source>
        <translation>Ronda: {name}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>nobody signed in</source>
        <translation>nadie ha ingresado</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name} ({role})</translation>
    </message>
    <message>
        <source>Operator: {name}</source>
        <translation>Operador: {name}</translation>
    </message>
    <message>
        <source>Create a round to start keying (Round menu).</source>
        <translation>Cree una ronda para empezar a digitar (menú Ronda).</translation>
    </message>
    <message>
        <source>Entered {entered} · Verified {verified} · Target {target}</source>
        <translation>Digitados {entered} · Verificados {verified} · Meta {target}</translation>
    </message>
    <message>
        <source>{app} – DEMO PROJECT (synthetic forms)</source>
        <translation>{app} – PROYECTO DE DEMOSTRACIÓN (DEMO, formularios ficticios)</translation>
    </message>
    <message>
        <source>Demo project: synthetic forms for trying the program. Do not key real forms here; open your project with File &gt; Open database ({keys}).</source>
        <translation>Proyecto de demostración: formularios ficticios para probar el programa. No teclee formularios reales aquí; abra su proyecto con Archivo &gt; Abrir base de datos ({keys}).</translation>
    </message>
</context>
</TS>
