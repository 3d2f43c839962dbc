"""Storage layer: the only place with SQL. Hand-written SQL on DB-API connections (sqlite3,
or sqlcipher3 for an encrypted file); sqlite-utils only behind `riskmap query`
(sql_query.py). See docs/architecture.md.

Never imports Qt (a test checks this).
"""
