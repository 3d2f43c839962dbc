"""Domain layer: the questionnaire model, its validation, skip logic and risk scoring.

Pure Python and pandas; never imports Qt (a test checks this).
"""
