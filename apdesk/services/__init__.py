"""Use cases: one function per user action, each checking permission and writing the audit log."""
