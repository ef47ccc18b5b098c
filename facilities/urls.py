from django.urls import path

from facilities import views

app_name = "facilities"
urlpatterns = [
    path("rooms/", views.room_list, name="room_list"),
    path("rooms/new/", views.room_edit, name="room_create"),
    path("rooms/<int:pk>/", views.room_detail, name="room_detail"),
    path("rooms/<int:pk>/edit/", views.room_edit, name="room_edit"),
    path("rooms/<int:pk>/active/", views.room_set_active, name="room_set_active"),
    path("rooms/<int:pk>/delete/", views.room_delete, name="room_delete"),
]
