"""The research layer: models over analyzed documents (policy-instrument coding, …).

Nothing in the core pipeline imports this package, so ``import policy_nlp`` and
:func:`policy_nlp.analyze` stay light. Applying a shipped model needs only the standard library;
training and evaluation (``policy_nlp.learn.instruments_train``) use scikit-learn.

>>> from policy_nlp.learn.instruments import classify
>>> classify("设立人工智能产业发展专项资金").tool
'funding'
"""

from __future__ import annotations

__all__: list[str] = []
