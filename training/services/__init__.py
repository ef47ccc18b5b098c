"""Class-lifecycle workflows, one module per stage: plans, classes, nominations, timetable, attendance, results."""
