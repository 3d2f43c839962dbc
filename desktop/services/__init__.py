"""Services: the use-cases that combine domain, storage and bundle (entry, verification,
export, import, reports). No Qt widgets here."""
