"""A FastAPI app that shares one PatsnapClient per worker (see app.py)."""
