from django.urls import path

from curriculum.views import analysis, catalogue, versions

app_name = "curriculum"
urlpatterns = [
    path("", catalogue.programme_list, name="programme_list"),
    path("new/", catalogue.programme_create, name="programme_create"),
    path("<int:pk>/", catalogue.programme_detail, name="programme_detail"),
    path("<int:pk>/edit/", catalogue.programme_edit, name="programme_edit"),
    path("<int:pk>/retire/", catalogue.programme_retire, name="programme_retire"),
    path("versions/<int:pk>/", versions.version_detail, name="version_detail"),
    path("versions/<int:pk>/edit/", versions.version_edit, name="version_edit"),
    path("versions/<int:pk>/derive/", versions.version_derive, name="version_derive"),
    path("versions/<int:pk>/publish/", versions.version_publish, name="version_publish"),
    path("versions/<int:pk>/export.json", versions.version_export_json, name="version_export_json"),
    path("versions/<int:pk>/export.xlsx", versions.version_export_xlsx, name="version_export_xlsx"),
    path("compare/", versions.version_compare, name="version_compare"),
    path("import/", versions.catalogue_import, name="catalogue_import"),
    path("overlaps/", analysis.overlap_page, name="overlap_report"),
    path("overlaps/review/", analysis.overlap_review, name="overlap_review"),
    path("lienthong/", analysis.mapping_page, name="mapping_list"),
    path("lienthong/<int:pk>/delete/", analysis.mapping_delete, name="mapping_delete"),
    path("lienthong/person/<int:person_pk>/", analysis.person_credits, name="person_credits"),
]
