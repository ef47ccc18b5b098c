from django.urls import path

from standards.views import assessments, frameworks, province

app_name = "standards"
urlpatterns = [
    path("", province.index, name="index"),
    path("province/", province.province_view, name="province"),
    path("province/export.xlsx", province.province_export, name="province_export"),
    path("centres/<int:pk>/", province.centre_view, name="centre"),
    path("centres/<int:pk>/indicators/<int:indicator_pk>/", province.centre_drill, name="centre_drill"),
    path("frameworks/", frameworks.framework_list, name="framework_list"),
    path("frameworks/import/", frameworks.framework_import, name="framework_import"),
    path("frameworks/<int:pk>/", frameworks.framework_detail, name="framework_detail"),
    path("frameworks/<int:pk>/export.<str:fmt>", frameworks.framework_export, name="framework_export"),
    path("frameworks/<int:pk>/edit/", frameworks.framework_edit, name="framework_edit"),
    path("frameworks/<int:pk>/copy/", frameworks.framework_copy, name="framework_copy"),
    path("frameworks/<int:pk>/new-version/", frameworks.framework_new_version, name="framework_new_version"),
    path("frameworks/<int:pk>/publish/", frameworks.framework_publish, name="framework_publish"),
    path("frameworks/<int:pk>/delete/", frameworks.framework_delete, name="framework_delete"),
    path("indicators/<int:pk>/edit/", frameworks.indicator_edit, name="indicator_edit"),
    path("assessments/", assessments.assessment_list, name="assessment_list"),
    path("assessments/open/", assessments.assessment_open, name="assessment_open"),
    path("assessments/<int:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/values/<int:value_pk>/", assessments.value_declare, name="value_declare"),
    path("assessments/<int:pk>/values/<int:value_pk>/evidence/", assessments.evidence_add, name="evidence_add"),
    path("assessments/<int:pk>/values/<int:value_pk>/review/", assessments.value_review, name="value_review"),
    path("assessments/<int:pk>/groups/<int:group_pk>/", assessments.narrative_save, name="narrative_save"),
    path("assessments/<int:pk>/submit/", assessments.assessment_submit, name="assessment_submit"),
    path("assessments/<int:pk>/return/", assessments.assessment_return, name="assessment_return"),
    path("assessments/<int:pk>/close/", assessments.assessment_close, name="assessment_close"),
    path("assessments/<int:pk>/decision-file/", assessments.decision_file, name="decision_file"),
    path("assessments/<int:pk>/indicators/<int:indicator_pk>/", assessments.drill, name="drill"),
    path("assessments/<int:pk>/<str:kind>.<str:fmt>", assessments.assessment_document, name="document"),
    path("evidence/<int:pk>/", assessments.evidence_file, name="evidence_file"),
    path("evidence/<int:pk>/delete/", assessments.evidence_delete, name="evidence_delete"),
]
