"""Small helpers shared by the apps (intake, education, clinic): no models, no views.

Each module has one job and a test file of its own in ``common/tests/``; nothing here
imports an app.
"""
