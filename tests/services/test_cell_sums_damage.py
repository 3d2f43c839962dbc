"""Why the dashboard's stored sums keep their checks in an encrypted project too.

SQLCipher checks every page it reads against its HMAC, but a page that fails the check
can still read back without an error: SQLCipher 4 zeroes it and the read goes on (seen
with the last page of the sums' overflow chain). So the stored sums' own checks (the
checksum of their bytes, arrays that hold together) are not redundant there: with every
page of an encrypted file altered in turn, the stored sums decode as they were written or
not at all (and are then added up again from the snapshot), never as other figures.
"""

from __future__ import annotations

from desktop.domain import cell_sums
from desktop.services import db_keys
from desktop.services.analysis_service import analysis_for
from desktop.services.demo_service import fill_demo
from desktop.services.workspace import Workspace
from desktop.storage import cell_sums_store
from desktop.storage.connection import DatabaseDriverError, connect_raw

PAGE = 4096  # SQLCipher 4's page size


def _stored_sums(path, key):
    """The decoded stored sums of the file (None: refused), or DatabaseDriverError."""
    conn = connect_raw(path, key)
    try:
        [(_, meta, data)] = cell_sums_store.read_all(conn)
    finally:
        conn.close()
    return cell_sums.decode(meta, data)


def test_a_damaged_page_of_an_encrypted_file_never_reads_as_other_sums(tmp_path):
    key = db_keys.new_key()
    path = tmp_path / "secret.db"
    workspace = Workspace.open(db_keys.locator(path, key))
    fill_demo(workspace, 60, seed=1)
    analysis_for(workspace)  # stores the sums, as a first dashboard load does
    workspace.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the file
    workspace.close()
    original = path.read_bytes()
    written = _stored_sums(path, key)
    assert written is not None
    copy, caught = tmp_path / "damaged.db", 0
    for start in range(PAGE, len(original), PAGE):  # every page but the first
        damaged = bytearray(original)
        damaged[start + PAGE // 2] ^= 0x01
        copy.write_bytes(bytes(damaged))
        try:
            found = _stored_sums(copy, key)
        except DatabaseDriverError:  # SQLCipher's HMAC failed the read
            caught += 1
            continue
        if found is None:  # read back (a zeroed page), but refused by the checks
            caught += 1
        else:
            assert cell_sums.equal(found, written)
    assert caught > 0  # the pages holding the row were among them
