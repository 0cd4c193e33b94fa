"""Cross-validation: k-fold, stratified, grouped and time-series splits, leakage, nested CV (question 4)."""
