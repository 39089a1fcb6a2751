"""Accounts and web sessions."""
