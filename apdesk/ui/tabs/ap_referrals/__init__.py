"""The AP referrals tab (`tab.py`) and a referral's record (`editor.py`)."""
