"""Precision, recall and the decision threshold (questions 24, 18 and 19).

`algorithm.py` holds the metrics (the answer to question 24), `state.py` everything the view
shows on top of them (costs, optima, histograms, the sweep stepper, the narration), `data.py`
the score sources (synthetic, the shipped breast-cancer classifier, a user CSV); all pure
NumPy. `view.py`, `plots.py` and `panels.py` are the pyqtgraph view, `spec.py` its entry.
"""
