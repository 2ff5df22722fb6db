"""The one exception the pension rules raise for bad input."""


class PensionInputError(ValueError):
    """Input the rules cannot use: names the parameter and says why, in Romanian.

    Every public function of ``domain.pension`` raises only this for bad input, so an HTTP layer
    can turn it into a 400 answer naming ``parameter`` without guessing.
    """

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message

    def to_dict(self) -> dict[str, str]:
        return {"parameter": self.parameter, "message": self.message}
