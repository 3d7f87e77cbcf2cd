"""Use case: assess a case file, with evidence from watch files or a stride video."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from footfix.assess import assess
from footfix.domain.result import AssessmentResult
from footfix.intake.case_model import CaseFile
from footfix.intake.evidence import Evidence
from footfix.intake.load import load_case
from footfix.services.progress import ProgressCallback


def gather_evidence(
    activities: Sequence[Path] = (),
    video: Path | None = None,
    view: str | None = None,
    box: tuple[int, int, int, int] | None = None,
    on_progress: ProgressCallback | None = None,
) -> list[Evidence]:
    """Evidence from the optional sources; a video that cannot be analysed becomes a note."""
    evidence: list[Evidence] = []
    if activities:
        from footfix.services.watch_evidence import evidence_from_activity_paths

        evidence.append(evidence_from_activity_paths(list(activities), on_progress=on_progress))
    if video is not None:
        from footfix.gait.errors import GaitError
        from footfix.services.video_evidence import evidence_from_video
        from footfix.services.video_stack import VideoStackMissing

        try:
            evidence.append(evidence_from_video(video, view=view, box=box, on_progress=on_progress))
        except GaitError as err:  # like an unreadable watch file: a note, not a lost assessment
            note = f"Skipped {video.name}: {err.message} `footfix stride` says how to film it."
            evidence.append(Evidence(source="video", patch={}, notes=[note]))
        except VideoStackMissing as err:
            note = f"Skipped {video.name}: {err}"
            evidence.append(Evidence(source="video", patch={}, notes=[note]))
    return evidence


def assess_case(case: CaseFile, evidence: Sequence[Evidence] = ()) -> AssessmentResult:
    """The core's answer, plus which red-flag screen questions are still open."""
    from footfix.services.interview import screen_labels

    result = assess(case, evidence=evidence)
    return result.model_copy(update={"red_flag_screen_unanswered": screen_labels(case)})


def assess_file(path: Path, evidence: Sequence[Evidence] = ()) -> tuple[CaseFile, AssessmentResult]:
    case = load_case(path)
    return case, assess_case(case, evidence=evidence)
