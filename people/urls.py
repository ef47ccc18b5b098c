from django.urls import path

from people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("new/", views.person_edit, name="person_create"),
    path("export.xlsx", views.person_export, name="person_export"),
    path("me/", views.my_record, name="my_record"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("merge/", views.merge, name="merge"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("<int:pk>/archive/", views.person_archive, name="person_archive"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_edit, name="staff_create"),
    path("staff/<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/end/", views.staff_end, name="staff_end"),
    path("lecturers/", views.lecturer_list, name="lecturer_list"),
    path("lecturers/new/", views.lecturer_edit, name="lecturer_create"),
    path("lecturers/<int:pk>/", views.lecturer_detail, name="lecturer_detail"),
    path("lecturers/<int:pk>/edit/", views.lecturer_edit, name="lecturer_edit"),
]
