"""The training API: one router per stage, mounted under /api/training/."""

from ninja import Router

from training.api import attendance, classes, nominations, plans, results, timetable

router = Router()
for stage in (plans, classes, nominations, timetable, attendance, results):
    router.add_router("", stage.router)
