"""The pension kinds the estimate computes, by the names of the API's ``kind`` parameter.

- ``varsta``: the old-age pension, with the age check and the early reduction (the default);
- ``invaliditate``: the invalidity pension (art. 61-70, 87; see ``invalidity``);
- ``urmas``: the survivor's pension (art. 73-81; see ``survivor``);
- ``in_plata``: a pension already in payment, recalculated by art. 144 (see ``in_payment``).

Without a kind, an invalidity grade means ``invaliditate`` (the form and API sent the grade
before the kind existed); otherwise ``varsta``.
"""

from domain.pension.errors import PensionInputError

AGE = "varsta"
INVALIDITY = "invaliditate"
SURVIVOR = "urmas"
IN_PAYMENT = "in_plata"

KINDS = {
    AGE: "pensie pentru limită de vârstă",
    INVALIDITY: "pensie de invaliditate",
    SURVIVOR: "pensie de urmaș",
    IN_PAYMENT: "pensie aflată în plată (recalculată după art. 144)",
}


def resolve_kind(kind: object, invalidity_grade: object = None) -> str:
    """The kind to compute; an unknown one raises PensionInputError naming ``kind``."""
    if kind is None or kind == "":
        return INVALIDITY if invalidity_grade is not None else AGE
    if not isinstance(kind, str) or kind not in KINDS:
        names = ", ".join(f"{name} ({label})" for name, label in KINDS.items())
        raise PensionInputError(
            "kind", f"Felul pensiei nu este cunoscut; alegeți unul dintre: {names}."
        )
    if kind == AGE and invalidity_grade is not None:
        raise PensionInputError(
            "invalidity_grade",
            "Gradul de invaliditate se dă numai pentru pensia de invaliditate "
            f"(kind={INVALIDITY}).",
        )
    return kind
