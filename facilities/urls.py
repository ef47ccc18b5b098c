from django.urls import path

from facilities import views, views_centre, views_equipment

app_name = "facilities"
urlpatterns = [
    path("rooms/", views.room_list, name="room_list"),
    path("rooms/new/", views.room_edit, name="room_create"),
    path("rooms/<int:pk>/", views.room_detail, name="room_detail"),
    path("rooms/<int:pk>/edit/", views.room_edit, name="room_edit"),
    path("rooms/<int:pk>/active/", views.room_set_active, name="room_set_active"),
    path("rooms/<int:pk>/delete/", views.room_delete, name="room_delete"),
    path("centres/<int:pk>/", views_centre.centre_facilities, name="centre"),
    path("centres/<int:pk>/occupancy/", views_centre.room_occupancy, name="occupancy"),
    path("buildings/new/", views_centre.building_edit, name="building_create"),
    path("buildings/<int:pk>/edit/", views_centre.building_edit, name="building_edit"),
    path("equipment/", views_equipment.equipment_list, name="equipment_list"),
    path("equipment/export/", views_equipment.equipment_export, name="equipment_export"),
    path("equipment/new/", views_equipment.equipment_edit, name="equipment_create"),
    path("equipment/<int:pk>/", views_equipment.equipment_detail, name="equipment_detail"),
    path("equipment/<int:pk>/edit/", views_equipment.equipment_edit, name="equipment_edit"),
    path("equipment/<int:pk>/check/", views_equipment.equipment_check, name="equipment_check"),
    path("equipment/<int:pk>/delete/", views_equipment.equipment_delete, name="equipment_delete"),
    path("inventory/import/", views_centre.inventory_upload, name="inventory_upload"),
    path("inventory/import/<str:token>/", views_centre.inventory_preview, name="inventory_preview"),
    path("inventory/import/<str:token>/confirm/", views_centre.inventory_confirm, name="inventory_confirm"),
    path("standard/", views_centre.standard, name="standard"),
    path("standard/requirements/new/", views_centre.requirement_edit, name="requirement_create"),
    path("standard/requirements/<int:pk>/", views_centre.requirement_edit, name="requirement_edit"),
    path("standard/categories/new/", views_centre.category_edit, name="category_create"),
    path("standard/categories/<int:pk>/", views_centre.category_edit, name="category_edit"),
]
