"""Ranking metrics for recommendations (question 14): precision@k, recall@k, MAP@k, NDCG@k.

`algorithm.py` holds the metrics (pure NumPy, checked against scikit-learn), `state.py` the
runs the player animates (k growing down a ranked list, or the list being re-ordered one
swap at a time toward the ideal order) and their narration; `view.py` draws them.
"""
