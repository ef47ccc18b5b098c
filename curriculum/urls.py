from django.urls import path

from curriculum.views import analysis, catalogue, importing, overlaps, versions

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
    path("versions/<int:pk>/overlaps/", overlaps.version_overlaps_page, name="version_overlaps"),
    path("versions/<int:pk>/overlaps.xlsx", overlaps.version_overlaps_export, name="version_overlaps_export"),
    path("import/", importing.catalogue_import, name="catalogue_import"),
    path("overlaps/", overlaps.overlap_page, name="overlap_report"),
    path("overlaps/export.xlsx", overlaps.overlap_export, name="overlap_export"),
    path("overlaps/matrix/", overlaps.overlap_matrix_page, name="overlap_matrix"),
    path("overlaps/pair/<int:a>/<int:b>/", overlaps.overlap_pair, name="overlap_pair"),
    path("overlaps/review/", overlaps.overlap_review, name="overlap_review"),
    path("overlaps/rules/", overlaps.overlap_rules, name="overlap_rules"),
    path("lienthong/", analysis.mapping_page, name="mapping_list"),
    path("lienthong/<int:pk>/delete/", analysis.mapping_delete, name="mapping_delete"),
    path("lienthong/person/<int:person_pk>/", analysis.person_credits, name="person_credits"),
]
