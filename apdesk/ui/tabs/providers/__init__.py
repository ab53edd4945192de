"""The Providers tab (`tab.py`): a provider's record (`editor.py`), its vetting checks
(`checks.py`) and Annex B (`annex_b_page.py`).
"""
