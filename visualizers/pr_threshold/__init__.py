"""Precision, recall and the decision threshold (questions 24, 14, 18 and 19).

`algorithm.py` holds the metrics (the answer to question 24) and the threshold-sweep
stepper, `ranking.py` the ranking metrics of question 14, `data.py` the score sources
(synthetic, the shipped breast-cancer classifier, a user CSV); all three are pure NumPy.
`view.py` is the pyqtgraph view and `spec.py` its registry entry.
"""
