"""Bundle layer: the bundle format, device signing keys, age encryption, HQ merge logic.

Never imports Qt (a test checks this).
"""
