"""The IPAK survey (Survei Persepsi Anti Korupsi) on the public survey engine SKM uses.

Anonymous answers per service unit and day (`models`), the public form and the unit's scoped
results (`views`), the write (`domain`) and the reads (`queries`), and the provider the
integrity app asks for a unit's IPAK index (`publicservice.unit_ipak`).
"""
