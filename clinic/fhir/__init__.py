"""FHIR R4 (4.0.1) export of intakes: Questionnaire definitions and a transaction Bundle
per submitted intake. Plain dicts in, plain dicts out; the views write them as JSON.

- ``codes``: the code systems, canonical URLs and code maps everything here uses.
- ``questionnaires``: the NerveDesk intake and each instrument as a ``Questionnaire``,
  and the NerveDesk ``CodeSystem``s.
- ``bundle``: one submitted intake as a ``Bundle`` of type ``transaction``.

The tests check every export with ``fhir.resources`` and the checks that library does
not make (``clinic/tests/fhir/validate.py``).
"""
