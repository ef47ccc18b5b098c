"""Each stage of the class lifecycle keeps its routes in training/routes/<stage>.py."""

from training.routes import attendance, classes, classfile, nominations, plans, results, timetable

app_name = "training"
urlpatterns = (
    plans.urlpatterns
    + classes.urlpatterns
    + nominations.urlpatterns
    + timetable.urlpatterns
    + attendance.urlpatterns
    + results.urlpatterns
    + classfile.urlpatterns
)
