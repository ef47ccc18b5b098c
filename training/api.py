"""The training API: one router per stage, mounted under /api/training/."""

from ninja import Router

from training.attendance import api as attendance
from training.classes import api as classes
from training.nominations import api as nominations
from training.plans import api as plans
from training.results import api as results
from training.timetable import api as timetable

router = Router()
for stage in (plans, classes, nominations, timetable, attendance, results):
    router.add_router("", stage.router)
