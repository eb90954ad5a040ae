"""FHIR R4 (4.0.1) export of intakes: Questionnaire definitions, a transaction Bundle per
submitted intake, and their validation (``fhir.resources``' R4B models read R4 JSON).

- ``codes``: the code systems, canonical URLs and code maps everything here uses.
- ``questionnaires``: the NerveDesk intake and each instrument as a ``Questionnaire``.
- ``bundle``: one submitted intake as a ``Bundle`` of type ``transaction``.
- ``validate``: parse with ``fhir.resources`` and the checks it does not make.
"""
