"""Records and URL arguments for the permission walk (cairn/core/tests/test_permission_walk.py)."""

from cairn.voice.models import ConsentKind
from cairn.voice.tests.factories import (
    ConsentFactory,
    ContributionFactory,
    EngagementFactory,
    FamilyFeedbackFactory,
    SafeguardingCheckFactory,
    SessionFactory,
    VoiceThemeFactory,
)


def records(world):
    p = world["partnership"]
    engagement = EngagementFactory(partnership=p, owner=world["subject"])
    SafeguardingCheckFactory(engagement=engagement)
    consent = ConsentFactory(engagement=engagement, kind=ConsentKind.TAKE_PART)
    session = SessionFactory(engagement=engagement)
    ContributionFactory(session=session)
    world |= {
        "engagement": engagement,
        "consent": consent,
        "voice_session": session,
        "voice_theme": VoiceThemeFactory(partnership=p),
        "family_feedback": FamilyFeedbackFactory(partnership=p, owner=world["subject"]),
    }


def url_kwargs(world):
    engagement = {"pk": world["engagement"].pk}
    feedback = {"pk": world["family_feedback"].pk}
    return {
        **{
            f"voice:{name}": engagement
            for name in (
                "detail",
                "edit",
                "check",
                "invitation",
                "reply",
                "consent",
                "session_new",
                "words",
                "response_new",
                "follow_up",
                "close",
                "evidence_new",
            )
        },
        "voice:consent_withdraw": {"pk": world["consent"].pk},
        "voice:contribution_new": {"pk": world["voice_session"].pk},
        "voice:theme_retire": {"pk": world["voice_theme"].pk},
        "voice:feedback_detail": feedback,
        "voice:feedback_acknowledge": feedback,
        "voice:feedback_respond": feedback,
    }
