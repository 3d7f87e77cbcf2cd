"""The case-file contract, format 1 (see docs/case-format.md).

Every field is optional except ``case_format``; missing means unknown. Enumerations are closed,
numbers carry ranges, and a few contradictions are rejected. Sided values are either a bare value
(the painful foot) or ``{left: x, right: y}``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Generic, Literal, TypeAlias, TypeVar, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

T = TypeVar("T")

SideName = Literal["left", "right", "both"]
OneSide = Literal["left", "right"]
TestResult = Literal["positive", "negative", "equivocal"]
Nrs = Annotated[float, Field(ge=0, le=10)]
Weeks = Annotated[float, Field(ge=0, le=1040)]
Minutes = Annotated[float, Field(ge=0, le=1440)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Distance(_Strict):
    value: Annotated[float, Field(ge=0, le=1000)]
    unit: Literal["km", "mi"]


class PerSide(_Strict, Generic[T]):
    left: T | None = None
    right: T | None = None


if TYPE_CHECKING:
    # A bare value (the painful foot) or a per-side pair.
    Sided: TypeAlias = Union[T, PerSide[T]]  # noqa: UP007 - a generic alias needs Union
else:

    class _SidedAlias:
        """``Sided[X]`` is ``X | PerSide[X]``; pydantic needs the concrete PerSide[X]."""

        def __getitem__(self, inner: Any) -> Any:
            return Union[inner, PerSide[inner]]  # noqa: UP007

    Sided = _SidedAlias()


PainLocation = Literal[
    "medial_heel", "central_heel", "lateral_heel", "posterior_heel", "medial_arch",
    "lateral_midfoot", "dorsal_midfoot", "forefoot", "toes", "medial_ankle", "lateral_ankle",
    "whole_sole", "plantar_heel", "lateral_sole", "diffuse",
    # project additions: the ball of the foot under the big toe, under the second toe, between toes
    "big_toe_joint", "under_big_toe", "under_second_toe", "between_toes",
]  # fmt: skip
PainElsewhere = Literal["lower_back", "buttock", "posterior_thigh", "lateral_hip", "calf", "knee"]
PainQuality = Literal[
    "sharp", "aching", "burning", "tingling", "numbness", "shooting", "bruise_like", "throbbing"
]
Aggravating = Literal[
    "first_steps", "after_sitting", "prolonged_standing", "walking", "walking_barefoot",
    "hard_surfaces", "soft_surfaces", "running", "uphill", "downhill", "speedwork", "toe_off",
    "end_of_day", "sitting", "bending_forward", "tight_shoes", "stairs", "uneven_ground",
    "tiptoe", "jumping", "cough_sneeze",
]  # fmt: skip
Easing = Literal[
    "rest", "movement", "supportive_shoes", "cushioning_or_heel_cup", "stretching", "ice", "heat",
    "lying_down", "anti_inflammatories", "unloading",
]  # fmt: skip
Associated = Literal[
    "swelling", "bruising", "felt_pop", "foot_weakness", "back_pain", "radiating_down_leg",
    "saddle_numbness", "bladder_bowel_change", "fever", "unexplained_weight_loss", "unwell",
    "other_joint_pain", "eye_inflammation", "skin_rash_psoriasis", "cold_pale_foot",
    "calf_swelling",
    # project additions: what a runner sees on the foot, and pain far out of proportion
    "redness", "warmth", "spreading_redness", "pain_out_of_proportion",
]  # fmt: skip
ChangeKind = Literal[
    "volume_increase", "long_run_increase", "speed_increase", "hills_added", "terrain_change",
    "harder_surface", "softer_surface", "new_shoes", "minimal_shoes", "stiff_or_plated_shoes",
    "return_after_break", "race", "gym_jumping", "heavy_lifting", "loaded_walking",
    "more_sitting",
]  # fmt: skip
MedicalHistory = Literal[
    "diabetes", "peripheral_neuropathy", "inflammatory_arthritis", "psoriasis",
    "inflammatory_bowel_disease", "uveitis", "cancer", "osteoporosis", "menstrual_irregularity",
    "low_energy_availability", "previous_stress_fracture", "heel_steroid_injection",
    "fluoroquinolone_use", "lumbar_disc_or_sciatica", "immunosuppression", "smoking",
    "previous_ankle_sprain", "osteopenia", "low_vitamin_d", "menopause", "postpartum",
    "gout", "kidney_disease", "peripheral_arterial_disease",  # project additions
]  # fmt: skip
FamilyHistory = Literal[
    "spondyloarthritis", "inflammatory_bowel_disease", "psoriasis", "osteoporosis"
]
Treatment = Literal[
    "orthotics", "stretching", "night_splint", "steroid_injection", "shockwave", "heel_cup",
    "boot", "taping", "exercises", "massage", "rest", "anti_inflammatories",
]  # fmt: skip
Surface = Literal["road", "path", "gravel", "track", "treadmill", "trail", "grass", "mixed"]
PalpationSite = Literal[
    "medial_calcaneal_tubercle", "plantar_fascia_midarch", "central_heel_pad",
    "medial_heel_abductor", "tarsal_tunnel", "calcaneal_body_sides", "navicular_body", "cuboid",
    "metatarsal_shafts", "metatarsal_heads", "posterior_tibial_tendon", "fhl_tendon",
    "fdl_tendon", "spring_ligament", "sinus_tarsi", "intrinsic_muscles", "calcaneal_apophysis",
    "knot_of_henry", "deltoid_ligament", "talonavicular_joint", "achilles_insertion",
    # project additions (forefoot, back of the heel, outer ankle, high-risk bone sites)
    "sesamoids", "second_mtp_plantar", "intermetatarsal_space", "first_mtp_joint",
    "retrocalcaneal", "achilles_midportion", "peroneal_tendons", "fifth_metatarsal_base",
    "second_metatarsal_base", "talus", "medial_calcaneal_nerve",
]  # fmt: skip
SensationArea = Literal[
    "medial_sole", "lateral_sole", "lateral_foot_heel", "medial_heel", "dorsal_foot", "stocking"
]
MobilityArea = Literal[
    "hip_abduction", "hip_rotation", "thoracic_rotation", "thoracic_extension", "lumbar",
    "lower_leg_fascia", "plantar_fascia", "subtalar", "midfoot",
]  # fmt: skip
SquatFault = Literal["knee_valgus", "pelvic_drop", "arch_collapse", "deflating", "trunk_lean"]
Trunk = Literal[
    "upright", "hip_hinge", "forward_lean", "waist_bend", "spinal_extension", "backward_lean"
]
Reflex = Literal["normal", "reduced", "absent"]
Wound = Literal["none", "puncture", "cut_or_blister", "ulcer"]
Pulses = Literal["normal", "reduced", "absent"]
WalkTest = Literal["normal", "painful", "weak"]
SelfTest = Literal["normal", "limited"]
DvtRisk = Literal[
    "long_travel", "recent_surgery", "immobilised", "oestrogen_therapy", "previous_clot",
    "pregnancy_or_postpartum", "active_cancer",
]  # fmt: skip
Mmt = Annotated[float, Field(ge=0, le=5)]


class Goal(_Strict):
    event: str | None = None
    distance: Distance | None = None
    weeks_until: Weeks | None = None


class Patient(_Strict):
    age: Annotated[float, Field(ge=6, le=100)] | None = None
    sex: Literal["female", "male", "other"] | None = None
    height_cm: Annotated[float, Field(ge=80, le=230)] | None = None
    weight_kg: Annotated[float, Field(ge=20, le=250)] | None = None
    running_years: Annotated[float, Field(ge=0, le=90)] | None = None
    weekly_distance: Distance | None = None
    painful_side: SideName | None = None
    worse_side: OneSide | None = None
    daily_load: Literal["sitting", "standing", "walking", "driving", "mixed"] | None = None
    other_sports: list[str] | None = None
    goal: Goal | None = None


class TrainingChange(_Strict):
    change: ChangeKind
    weeks_ago: Weeks | None = None
    amount_pct: Annotated[float, Field(ge=-100, le=1000)] | None = None
    note: str | None = None


class TreatmentTried(_Strict):
    treatment: Treatment
    weeks: Weeks | None = None
    response: Literal["better", "no_change", "worse"] | None = None


class PainNrs(_Strict):
    worst: Nrs | None = None
    typical: Nrs | None = None
    morning: Nrs | None = None
    during_run: Nrs | None = None
    after_run: Nrs | None = None


class CurrentlyRunning(_Strict):
    running: bool | None = None
    sessions_per_week: Annotated[float, Field(ge=0, le=21)] | None = None
    weekly_distance: Distance | None = None
    weeks_since_last_run: Weeks | None = None
    longest_run: Distance | None = None
    continuous: bool | None = None
    surface: Surface | None = None
    hills: bool | None = None
    pain_during: Nrs | None = None
    worse_next_morning: bool | None = None


class EnergyScreen(_Strict):
    """Project addition: indicators of low energy availability (REDs, IOC 2023 consensus)."""

    periods: Literal["regular", "irregular", "absent", "not_applicable"] | None = None
    months_without_period: Annotated[float, Field(ge=0, le=240)] | None = None
    weight_loss_kg: Annotated[float, Field(ge=0, le=80)] | None = None  # in the last 6 months
    weight_loss_deliberate: bool | None = None
    restricted_eating: bool | None = None
    disordered_eating: bool | None = None  # diagnosed or treated eating disorder
    low_libido: bool | None = None  # a secondary indicator in male athletes
    # previous bone stress injuries, not counting this one
    bone_stress_injuries: Annotated[float, Field(ge=0, le=30)] | None = None
    low_bone_density: bool | None = None


class History(_Strict):
    status: Literal["active", "settling", "resolved"] | None = None
    pain_free_weeks: Weeks | None = None
    onset: Literal["gradual", "sudden"] | None = None
    duration_weeks: Weeks | None = None
    trauma: bool | None = None
    pain_location: list[PainLocation] | None = None
    pain_elsewhere: list[PainElsewhere] | None = None
    pain_quality: list[PainQuality] | None = None
    pain_pattern: str | None = None
    first_step_pain: bool | None = None
    warms_up: bool | None = None
    night_pain: bool | None = None
    rest_pain: bool | None = None
    morning_stiffness_min: Minutes | None = None
    aggravating: list[Aggravating] | None = None
    easing: list[Easing] | None = None
    associated: list[Associated] | None = None
    associated_absent: list[Associated] | None = None
    training_changes: list[TrainingChange] | None = None
    footwear: str | None = None
    medical_history: list[MedicalHistory] | None = None
    family_history: list[FamilyHistory] | None = None
    treatments_tried: list[TreatmentTried] | None = None
    pain_nrs: PainNrs | None = None
    walk_stand_tolerance_min: Minutes | None = None
    weight_bearing: Literal["full", "painful", "unable"] | None = None
    currently_running: CurrentlyRunning | None = None
    # project additions (see docs/case-format.md)
    wound: Wound | None = None  # a wound or puncture on the painful foot
    bone_imaging: Literal["normal", "stress_injury"] | None = None  # MRI, CT or bone scan
    dvt_risk: list[DvtRisk] | None = None
    energy: EnergyScreen | None = None


class SelfTests(_Strict):
    """Project addition: whole-body mobility self-tests a runner can do alone."""

    thoracic_rotation: Sided[SelfTest] | None = None
    hip_abduction: Sided[SelfTest] | None = None
    big_toe_extension: Sided[SelfTest] | None = None


class HopResult(_Strict):
    hops: Annotated[float, Field(ge=0, le=500)] | None = None
    pain_nrs: Nrs | None = None


class MuscleTests(_Strict):
    hip_flexors: Sided[Mmt] | None = None
    hip_extensors: Sided[Mmt] | None = None
    hip_abductors: Sided[Mmt] | None = None
    ankle_plantarflexors: Sided[Mmt] | None = None
    ankle_invertors: Sided[Mmt] | None = None
    toe_flexors: Sided[Mmt] | None = None
    hallux_flexors: Sided[Mmt] | None = None
    toe_abductors: Sided[Mmt] | None = None


class Exam(_Strict):
    knee_to_wall_cm: Sided[Annotated[float, Field(ge=-5, le=25)]] | None = None
    hallux_extension_deg: Sided[Annotated[float, Field(ge=0, le=130)]] | None = None
    hip_extension_deg: Sided[Annotated[float, Field(ge=-60, le=45)]] | None = None
    hip_flexion_deg: Sided[Annotated[float, Field(ge=0, le=160)]] | None = (
        None  # project addition: supine passive flexion
    )
    hip_abduction_deg: Sided[Annotated[float, Field(ge=0, le=90)]] | None = None
    thoracic_rotation_deg: Sided[Annotated[float, Field(ge=0, le=120)]] | None = None
    hallux_extension_ankle_dorsiflexed_deg: Sided[Annotated[float, Field(ge=0, le=130)]] | None = (
        None
    )
    straight_leg_raise_deg: Sided[Annotated[float, Field(ge=0, le=130)]] | None = None
    heel_raise_single_leg_reps: Sided[Annotated[float, Field(ge=0, le=200)]] | None = None
    heel_raise_heel_inversion: Sided[Reflex] | None = None
    single_leg_bridge_reps: Sided[Annotated[float, Field(ge=0, le=200)]] | None = None
    hop_test: Sided[HopResult] | None = None
    single_leg_balance_s: Sided[Annotated[float, Field(ge=0, le=600)]] | None = None
    navicular_drop_mm: Sided[Annotated[float, Field(ge=0, le=40)]] | None = None
    strength_mmt: MuscleTests | None = None
    foot_posture: Sided[Literal["cavus", "neutral", "planus"]] | None = None
    windlass: Sided[TestResult] | None = None
    calcaneal_squeeze: Sided[TestResult] | None = None
    hop_pain: Sided[TestResult] | None = None
    tinel_tarsal_tunnel: Sided[TestResult] | None = None
    tinel_medial_heel: Sided[TestResult] | None = None
    tinel_knot_of_henry: Sided[TestResult] | None = None
    tinel_sural: Sided[TestResult] | None = None
    heel_pad_compression_pain: Sided[TestResult] | None = None
    ottawa_foot_rules: Sided[TestResult] | None = None
    dorsiflexion_eversion: Sided[TestResult] | None = None
    slump: Sided[TestResult] | None = None
    too_many_toes: Sided[TestResult] | None = None
    resisted_hallux_flexion_pain: Sided[TestResult] | None = None
    resisted_toe_flexion_pain: Sided[TestResult] | None = None
    resisted_inversion_pain: Sided[TestResult] | None = None
    palpable_gap: Sided[TestResult] | None = None
    lumbar_reproduces_foot_symptoms: Sided[TestResult] | None = None
    palpation_tender: Sided[list[PalpationSite]] | None = None
    palpation_not_tender: Sided[list[PalpationSite]] | None = None
    sensation_reduced: Sided[list[SensationArea]] | None = None
    achilles_reflex: Sided[Reflex] | None = None
    heel_pad: Literal["normal", "thin", "soft"] | None = None
    swelling: bool | None = None
    mobility_restricted: Sided[list[MobilityArea]] | None = None
    single_leg_squat_faults: Sided[list[SquatFault]] | None = None
    # project additions (see docs/case-format.md)
    redness: Sided[bool] | None = None
    warmth: Sided[bool] | None = None  # warmer than the other foot to the touch
    foot_pulses: Sided[Pulses] | None = None
    heel_walk: Sided[WalkTest] | None = None
    toe_walk: Sided[WalkTest] | None = None
    monofilament: Sided[Literal["normal", "reduced"]] | None = None
    foot_posture_index: Sided[Annotated[float, Field(ge=-12, le=12)]] | None = None
    calf_tenderness: Sided[bool] | None = None
    mulder_click: Sided[TestResult] | None = None
    mtp_drawer: Sided[TestResult] | None = None  # plantar plate: second toe drawer test
    resisted_eversion_pain: Sided[TestResult] | None = None
    passive_hallux_extension_pain: Sided[TestResult] | None = None
    tinel_medial_calcaneal: Sided[TestResult] | None = None
    arch_rises_on_tiptoe: Sided[bool] | None = None  # a flat foot that stays flat is rigid
    self_tests: SelfTests | None = None


class Gait(_Strict):
    cadence_spm: Annotated[float, Field(ge=60, le=260)] | None = None
    foot_strike: Sided[Literal["heel", "midfoot", "forefoot"]] | None = None
    heel_never_contacts: Sided[bool] | None = None
    overstride: Sided[bool] | None = None
    crossover: Sided[bool] | None = None
    trunk: Trunk | list[Trunk] | None = None
    hip_strategy: Literal["vertical", "horizontal"] | None = None
    deflating: Sided[bool] | None = None
    pelvic_drop: Sided[bool] | None = None
    over_push_off: Sided[bool] | None = None
    push_off_short: Sided[bool] | None = None
    loud_landing: bool | None = None
    walking_antalgic: bool | None = None
    gct_balance_left_pct: Annotated[float, Field(ge=30, le=70)] | None = None
    vertical_ratio_pct: Annotated[float, Field(ge=0, le=30)] | None = None


class Training(_Strict):
    weekly_distance_recent: list[Distance] | None = None


class CaseFile(_Strict):
    """One runner at one moment. ``expected`` (example answers) is kept and ignored."""

    case_format: Literal[1]
    id: str | None = None
    narrative: str | None = None
    patient: Patient | None = None
    history: History | None = None
    exam: Exam | None = None
    gait: Gait | None = None
    training: Training | None = None
    notes: str | None = None
    expected: dict[str, Any] | None = None
    # unknown top-level entries (metadata such as a source or a title), kept and never read
    extensions: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _no_contradictions(self) -> CaseFile:
        from footfix.intake.contradictions import find_contradictions

        problems = find_contradictions(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self
