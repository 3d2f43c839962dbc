"""The sentences of the analysts' read-only SQL, English and Spanish (`query.*`,
storage/sql_query.py, `riskmap query`). Merged into `error_messages.CATALOGUE`."""

from __future__ import annotations

QUERY_MESSAGES: dict[str, dict[str, str]] = {
    "query.writes": {
        "en": "Only reading statements (SELECT, WITH ... SELECT) are allowed; this one would "
              "change the database.",
        "es": "Solo se permiten consultas de lectura (SELECT, WITH ... SELECT); esta "
              "cambiaría la base de datos."},
    "query.failed": {
        "en": "The statement did not run: {problem}.",
        "es": "La consulta no se ejecutó: {problem}."},
    "query.one_statement": {
        "en": "Give one statement at a time (no semicolon between two statements).",
        "es": "Indique una sola consulta a la vez (sin punto y coma entre dos consultas)."},
    "query.stopped": {
        "en": "The statement stopped after {n} {n:row|rows} ({problem}); the output above is "
              "incomplete.",
        "es": "La consulta se detuvo después de {n} {n:fila|filas} ({problem}); la salida "
              "anterior está incompleta."},
}
