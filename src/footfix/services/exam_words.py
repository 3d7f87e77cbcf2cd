"""Plain words for the exam form's labels: the list fields' choices and the fields one level
down (muscle tests, self-tests), where the case format's names alone read oddly."""

from __future__ import annotations

# names whose words alone would not say what the field holds
FIELD_WORDS: dict[str, str] = {
    "palpation_tender": "Tender on palpation",
    "palpation_not_tender": "Not tender on palpation",
    "sensation_reduced": "Reduced sensation",
    "mobility_restricted": "Restricted mobility",
    "single_leg_squat_faults": "Single-leg squat faults",
    "strength_mmt.hip_extensors": "Hip extensors (glutes)",
    "strength_mmt.ankle_plantarflexors": "Calf (ankle plantarflexors)",
    "strength_mmt.hallux_flexors": "Big-toe flexors",
    "hop_test.hops": "Hops done on one leg",
    "hop_test.pain_nrs": "Pain while hopping (0 to 10)",
    "self_tests.thoracic_rotation": "Self-test: thoracic rotation",
    "self_tests.hip_abduction": "Self-test: hip abduction",
    "self_tests.big_toe_extension": "Self-test: big-toe extension",
}
# choices whose words alone are an abbreviation or a shorthand
CHOICE_WORDS: dict[str, str] = {
    "fhl_tendon": "flexor hallucis longus tendon",
    "fdl_tendon": "flexor digitorum longus tendon",
    "second_mtp_plantar": "under the second toe joint (plantar plate)",
    "first_mtp_joint": "big-toe joint",
    "intermetatarsal_space": "between the metatarsal heads",
    "stocking": "the whole foot (stocking pattern)",
    "lumbar": "lower back",
    "lower_leg_fascia": "lower-leg fascia",
    "knee_valgus": "knee falls inwards",
    "arch_collapse": "arch collapses",
    "deflating": "sinks at the hips and knees",
    "trunk_lean": "trunk leans",
}


def field_label(path: str, words: str) -> str:
    """The label of an exam field at ``path`` (``words`` when nothing better is known)."""
    return FIELD_WORDS.get(path, words)


def choice_label(value: str) -> str:
    """The label of one choice of a list field."""
    return CHOICE_WORDS.get(value, value.replace("_", " "))
