from django.urls import path

from org import views, views_agreements, views_heading

app_name = "org"
urlpatterns = [
    path("centres/", views.centre_list, name="centre_list"),
    path("centres/new/", views.centre_create, name="centre_create"),
    path("centres/<int:pk>/", views.centre_detail, name="centre_detail"),
    path("centres/<int:pk>/edit/", views.centre_edit, name="centre_edit"),
    path("centres/<int:pk>/history/", views.centre_history, name="centre_history"),
    path("centres/<int:pk>/rename/", views.centre_rename, name="centre_rename"),
    path("centres/<int:pk>/host/", views.centre_change_host, name="centre_change_host"),
    path("centres/<int:pk>/heading/", views_heading.centre_heading, name="centre_heading"),
    path("centres/<int:pk>/service-area/add/", views.service_area_add, name="service_area_add"),
    path("centres/<int:pk>/service-area/<int:link_pk>/end/", views.service_area_end, name="service_area_end"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_edit, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("sending-organisations/", views.sending_org_list, name="sending_org_list"),
    path("sending-organisations/new/", views.sending_org_edit, name="sending_org_create"),
    path("sending-organisations/<int:pk>/", views.sending_org_detail, name="sending_org_detail"),
    path("sending-organisations/<int:pk>/edit/", views.sending_org_edit, name="sending_org_edit"),
    path("sending-organisations/<int:pk>/archive/", views.sending_org_archive, name="sending_org_archive"),
    path("sending-organisations/<int:pk>/delete/", views.sending_org_delete, name="sending_org_delete"),
    path("agreements/", views_agreements.agreement_list, name="agreement_list"),
    path("agreements/new/", views_agreements.agreement_edit, name="agreement_create"),
    path("agreements/<int:pk>/", views_agreements.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views_agreements.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/file/", views_agreements.agreement_file, name="agreement_file"),
    path("agreements/<int:pk>/delete/", views_agreements.agreement_delete, name="agreement_delete"),
]
