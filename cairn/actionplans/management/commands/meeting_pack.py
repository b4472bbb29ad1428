"""cairn meeting-pack: make a meeting's PDF pack, and optionally PNG pictures of its pages.

    cairn meeting-pack --meeting 12 --pdf pack.pdf
    cairn meeting-pack --pdf pack.pdf --png-dir docs/     (the demo's next review group meeting)

The pack is made as a user who may see the partnership's governance papers (``--as EMAIL``,
or the first partnership officer).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cairn.accounts.choices import Role
from cairn.accounts.models import User
from cairn.actionplans.packs import meeting_pack_pdf
from cairn.governance.models import BodyKind, Meeting, MeetingStatus


class Command(BaseCommand):
    help = "Make the PDF pack for a meeting (and PNG pictures of its pages)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--meeting", type=int, help="Meeting id (default: the demo's next review group meeting)"
        )
        parser.add_argument("--pdf", type=Path, help="Where to write the PDF")
        parser.add_argument("--png-dir", type=Path, help="Write meeting-pack-page-N.png here")
        parser.add_argument("--dpi", type=int, default=110, help="PNG resolution (default 110)")
        parser.add_argument("--as", dest="as_email", help="Make the pack as this user")

    def handle(self, *args, meeting, pdf, png_dir, dpi, as_email, **options):
        if not (pdf or png_dir):
            raise CommandError("Say where the pack goes: --pdf FILE and/or --png-dir DIR")
        found = self._meeting(meeting)
        viewer = self._viewer(found, as_email)
        data = meeting_pack_pdf(meeting=found, viewer=viewer)
        if pdf:
            pdf.write_bytes(data)
            self.stdout.write(f"Wrote {pdf} ({len(data):,} bytes) for {found}.")
        if png_dir:
            for path in write_pngs(data, png_dir, dpi=dpi):
                self.stdout.write(f"Wrote {path}")

    def _meeting(self, pk):
        meetings = Meeting.objects.select_related("body", "partnership")
        if pk is not None:
            found = meetings.filter(pk=pk).first()
        else:
            found = (
                meetings.filter(
                    partnership__is_demo=True,
                    body__kind=BodyKind.REVIEW_GROUP,
                    status=MeetingStatus.PLANNED,
                )
                .order_by("held_on", "pk")
                .first()
            )
        if found is None:
            raise CommandError("No such meeting (give --meeting ID; `cairn seed --demo` first?)")
        return found

    def _viewer(self, meeting, email):
        users = User.objects.filter(agency__partnership=meeting.partnership, is_active=True)
        if email:
            viewer = users.filter(email__iexact=email).first()
        else:
            viewer = next(
                (u for u in users.order_by("pk") if u.has_role(Role.PARTNERSHIP_OFFICER)), None
            )
        if viewer is None:
            raise CommandError("No user of the meeting's partnership to make the pack as (--as)")
        return viewer


def write_pngs(data: bytes, directory: Path, *, dpi: int = 110) -> list[Path]:
    """Render each page of the PDF ``data`` to ``directory/meeting-pack-page-N.png``."""
    import pypdfium2 as pdfium

    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, page in enumerate(pdfium.PdfDocument(data), 1):
        path = directory / f"meeting-pack-page-{n}.png"
        page.render(scale=dpi / 72).to_pil().save(path, optimize=True)
        paths.append(path)
    return paths
