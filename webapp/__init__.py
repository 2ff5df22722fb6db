"""portal-pensii web application.

create_app is imported lazily so that the pure subpackages (webapp.pension, webapp.reference)
can be used by documents/ and forms/ without loading Flask.
"""


def create_app(config=None):
    from webapp.factory import create_app as _create_app

    return _create_app(config)
