"""Gradient-descent visualizer (questions 10 and 25): linear regression and 2-D test surfaces.

`algorithm` holds the interview answer (`gradient_descent`) and the stepper the view
animates; `data` makes and loads the datasets; `view` is the pyqtgraph front end.
"""
