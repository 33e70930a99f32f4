"""SIKAP — Sistem Informasi Kinerja, Akhlak dan Pelayanan."""

from sikap.celery import app as celery_app

__all__ = ["celery_app"]
