"""Issue 9, item 12: the knowledge base, not a hard-coded list, says which tissues are ranked;
every tissue added beyond the contract's 21 has a vignette that ranks it first."""

from __future__ import annotations

from pathlib import Path

from footfix.assess import assess
from footfix.intake.load import load_case
from footfix.knowledge.check import SPEC_TISSUES
from footfix.knowledge.kb import load_default

VIGNETTES = Path(__file__).parent / "vignettes"


def test_every_added_tissue_has_a_vignette_that_ranks_it_first() -> None:
    added = set(load_default().tissues) - SPEC_TISSUES
    assert len(added) >= 9
    primary: dict[str, list[str]] = {}
    for path in sorted(VIGNETTES.glob("*.yaml")):
        expected = load_case(path).expected or {}
        primary.setdefault(expected["primary_tissue"], []).append(path.name)
    assert added <= set(primary), sorted(added - set(primary))
    for tissue in sorted(added):
        for name in primary[tissue]:
            result = assess(load_case(VIGNETTES / name))
            assert result.tissues[0].id == tissue, (name, result.tissues[:3])


def test_gout_and_high_risk_bone_sites_are_red_flags_not_tissues() -> None:
    kb = load_default()
    not_tissues = {"gout", "sesamoid_stress_fracture", "fifth_metatarsal_stress_fracture"}
    assert not not_tissues & set(kb.tissues)
    flags = {f.id for f in kb.red_flags}
    assert {"acute_hot_joint", "high_risk_bone_stress"} <= flags


def test_a_sesamoid_stress_picture_is_referred_urgently_and_a_quiet_one_keeps_impact_out() -> None:
    stress = assess(load_case(VIGNETTES / "V24-sesamoid-stress.yaml"))
    assert stress.referral == "urgent" and stress.phase == "refer_first"
    assert "high_risk_bone_stress" in {f.id for f in stress.red_flags}
    quiet = assess(load_case(VIGNETTES / "V23-sesamoiditis.yaml"))
    assert quiet.referral == "none" and quiet.phase == "rehab_no_running"
    assert "high_risk_bone_stress" in {n.id for n in quiet.not_excluded}
    assert not {"light_hopping", "hundred_up", "heel_raise_toe_up"} & {p.id for p in quiet.plan}
