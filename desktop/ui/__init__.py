"""Qt user interface: the main window, entry, records, verification and settings views."""
