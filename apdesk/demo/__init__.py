"""`apdesk demo`: a fictional school told through the ordinary services, to try the program.

A layer above `services/` (tests/test_layers.py): it calls services and the domain, and
nothing below imports it. `fill.py` is the entry point (`fill_demo`); `content.py` and
`stories.py` are the invented data; `world.py` is the timeline and travelling clock the
planners share; each other module plans one kind of record (`attendance.py`, `reviews.py`,
`incidents.py`, ...), and `lifecycles.py` takes pupils and placements from proposal to end.
"""
