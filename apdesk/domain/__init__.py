"""The AP domain: entities, rules, codes, checklists, schedules and permissions (plain Python)."""
