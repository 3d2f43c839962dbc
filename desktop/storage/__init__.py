"""Storage layer: the only place with SQL. SQLite through sqlite3 and sqlite-utils.

Never imports Qt (a test checks this).
"""
