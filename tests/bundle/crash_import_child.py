"""Child process for the import crash test: imports one bundle and SIGKILLs itself when
SQLite is about to run statement number KILL_AT (0: never; then it prints how many
statements the import ran; -1: right after it returned)."""

import os
import signal
import sys

import desktop.storage.database as database_module
from desktop.services.import_service import import_bundles


def main(db: str, identity: str, bundle: str, kill_at: int) -> None:
    count = 0
    real_connect = database_module.connect

    def traced(*args, **kwargs):
        conn = real_connect(*args, **kwargs)

        def on_statement(_sql: str) -> None:
            nonlocal count
            count += 1
            if count == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
        conn.set_trace_callback(on_statement)
        return conn

    database_module.connect = traced
    report = import_bundles(db, identity, [bundle])
    assert report.bundles[0].status == "imported", report.bundles[0]
    if kill_at < 0:  # killed just after the import returned
        os.kill(os.getpid(), signal.SIGKILL)
    print(count, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
