"""Study mode: FSRS spaced repetition, active recall, predict-then-watch, progress, mock interviews.

`app.study.core` is the pure layer (no Qt, tested without a QApplication);
`app.study.ui` holds the Qt screens that draw it.
"""
