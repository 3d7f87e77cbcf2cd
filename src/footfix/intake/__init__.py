"""Case files, questionnaire answers and source evidence -> a validated ``CaseFile``."""

from footfix.intake.case_model import CaseFile
from footfix.intake.errors import IntakeError
from footfix.intake.load import load_case, parse_case, parse_case_text

__all__ = ["CaseFile", "IntakeError", "load_case", "parse_case", "parse_case_text"]
