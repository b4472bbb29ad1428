from django.urls import path

from cairn.incidents.views import chronology, mash, recording
from cairn.incidents.views import incidents as views

app_name = "incidents"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("new/", recording.details, name="new"),
    path("new/children/", recording.children, name="new_children"),
    path("new/children/add/", recording.child_add, name="new_child_add"),
    path("new/children/remove/", recording.child_remove, name="new_child_remove"),
    path("new/check/", recording.check, name="new_check"),
    path("children/<int:person_pk>/chronology/", chronology.chronology, name="chronology"),
    path("mash/", mash.queue, name="mash_queue"),
    path("involvements/<int:pk>/edit/", views.involvement_edit, name="involvement_edit"),
    path("involvements/<int:pk>/screening/", mash.triage, name="triage"),
    path("involvements/<int:pk>/decision/", mash.decide, name="decide"),
    path("decisions/<int:pk>/sign-off/", mash.sign_off, name="sign_off"),
]

# Strategy discussions, section 47 and police per child; contexts (cairn.incidents.views.strategy
# and .contexts).
from cairn.incidents.views import contexts, strategy  # noqa: E402

urlpatterns += [
    path("<int:pk>/strategy-discussions/new/", strategy.discussion_new, name="strategy_new"),
    path("strategy-discussions/<int:pk>/", strategy.discussion_detail, name="strategy_detail"),
    path(
        "involvements/<int:pk>/child-protection/",
        strategy.child_protection,
        name="child_protection",
    ),
    path("involvements/<int:pk>/police/", strategy.police_edit, name="police_edit"),
    path("section-47/<int:pk>/", strategy.section47_edit, name="section47_edit"),
    path("contexts/", contexts.context_list, name="context_list"),
    path("contexts/new/", contexts.context_new, name="context_new"),
    path("contexts/<int:pk>/", contexts.context_detail, name="context_detail"),
    path("contexts/<int:pk>/edit/", contexts.context_edit, name="context_edit"),
    path(
        "contexts/<int:pk>/assessments/new/",
        contexts.assessment_new,
        name="context_assessment_new",
    ),
    path(
        "contexts/assessments/<int:pk>/",
        contexts.assessment_edit,
        name="context_assessment_edit",
    ),
    path("contexts/<int:pk>/safety-plans/new/", contexts.plan_new, name="context_plan_new"),
    path("contexts/safety-plans/<int:pk>/", contexts.plan_edit, name="context_plan_edit"),
]

# Each child's plans and HSB assessments; actions and the lists of work (cairn.incidents.views
# .plans and .actions).
from cairn.incidents.views import actions, plans  # noqa: E402

urlpatterns += [
    path("involvements/<int:pk>/plans/", plans.child_plans, name="child_plans"),
    path("involvements/<int:pk>/plans/new/", plans.plan_new, name="plan_new"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/review/", plans.plan_review, name="plan_review"),
    path("involvements/<int:pk>/hsb-assessments/new/", plans.hsb_new, name="hsb_new"),
    path("hsb-assessments/<int:pk>/", plans.hsb_detail, name="hsb_detail"),
    path("actions/", actions.action_list, name="actions"),
    path("involvements/<int:pk>/actions/new/", actions.action_new, name="action_new"),
    path("<int:pk>/actions/new/", actions.incident_action_new, name="incident_action_new"),
    path("actions/<int:pk>/", actions.action_detail, name="action_detail"),
    path("actions/<int:pk>/update/", actions.action_update, name="action_update"),
]
