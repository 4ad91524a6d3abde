from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.office_report, name="office"),
    path("export.<str:fmt>", views.office_export, name="export"),
    path("issue/", views.report_issue, name="report_issue"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("unit/", views.unit_report, name="unit"),
    path("items/<int:item_pk>/instruction/", views.instruction_create, name="instruction_create"),
    path("instructions/<int:pk>/feedback/", views.instruction_feedback, name="instruction_feedback"),
    path("items/<int:item_pk>/forward/", views.forward_create, name="forward_create"),
    path("forwardings/", views.forwarding_list, name="forwarding_list"),
    path("forwardings/<int:pk>/outcome/", views.forwarding_outcome, name="forwarding_outcome"),
    path("forwardings/<int:pk>/docx/", views.forwarding_docx, name="forwarding_docx"),
    path("commissions/", views.commission_list, name="commission_list"),
    path("commissions/new/", views.commission_create, name="commission_create"),
    path("commissions/<int:pk>/", views.commission_detail, name="commission_detail"),
    path("commissions/<int:pk>/answer/", views.commission_answer, name="commission_answer"),
    path("commissions/<int:pk>/pdf/", views.commission_pdf, name="commission_pdf"),
]
