"""Ombudsman and PEKPPP pages (`ombudsman`, `pekppp`), their forms and what they share."""
