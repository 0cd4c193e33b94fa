"""Study mode: FSRS spaced repetition, active recall, predict-then-watch, progress, mock interviews.

The pure modules (`scheduler`, `review_queue`, `service`, `stats`, `mock_interview`,
`predictions`, `export_import`, `backup`) import no Qt and are tested without a
QApplication; the `*_view`, `dashboard`, `recall_panel` and `menu` modules are the Qt layer.
"""
