"""The performance pages, one module per topic: agreements (PK, capaian, cascade) and skp."""
