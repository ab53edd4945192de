"""The Qt window: widgets, item models and dialogs that call services and show what comes back."""
